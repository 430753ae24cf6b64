//! The command line: `tradechart [FILE]`, `tradechart check FILE... [--json]`.
