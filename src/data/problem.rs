//! Problems found in a file: where (line, column) and what was expected and found.

use std::path::Path;

/// How many problems one file reports at most; the rest are counted in one last line.
pub const MAX_PROBLEMS: usize = 50;

/// One thing wrong with a file, at a 1-based line and column where that is known.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl Problem {
    pub fn at(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            line: Some(line),
            column: Some(column),
            message: message.into(),
        }
    }

    pub fn on_line(line: usize, message: impl Into<String>) -> Self {
        Self {
            line: Some(line),
            column: None,
            message: message.into(),
        }
    }

    pub fn whole_file(message: impl Into<String>) -> Self {
        Self {
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

/// Problems counted at most (a reader stops looking past this many).
const MAX_COUNTED: usize = 1_000_000;

/// The count of an "… and N more problems not listed" line.
fn left_out_count(problem: &Problem) -> Option<usize> {
    if problem.line.is_some() {
        return None;
    }
    let rest = problem.message.strip_prefix("… and ")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let count = digits.parse().ok()?;
    rest.contains("not listed").then_some(count)
}

/// Problems of one file, collected up to [`MAX_PROBLEMS`].
#[derive(Debug, Default)]
pub struct Problems {
    list: Vec<Problem>,
    dropped: usize,
}

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, problem: Problem) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(problem);
        } else {
            self.dropped += 1;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// True once so many problems are counted that a reader may stop looking (past
    /// [`MAX_PROBLEMS`] they are only counted, for the "… and N more" line).
    pub fn is_full(&self) -> bool {
        self.list.len() + self.dropped >= MAX_COUNTED
    }

    pub fn len(&self) -> usize {
        self.list.len() + self.dropped
    }

    /// The collected problems, with a last line counting those left out.
    pub fn into_vec(mut self) -> Vec<Problem> {
        if self.dropped > 0 {
            let or_more = if self.is_full() { " or more" } else { "" };
            let noun = if self.dropped == 1 {
                "problem"
            } else {
                "problems"
            };
            self.list.push(Problem::whole_file(format!(
                "… and {}{or_more} more {noun} not listed",
                self.dropped
            )));
        }
        self.list
    }

    /// Problems of two passes over one file, in the order of the file, under one cap
    /// and one count of those left out.
    pub fn merged(first: Vec<Problem>, second: Vec<Problem>) -> Vec<Problem> {
        let mut located = Vec::new();
        let mut dropped = 0;
        for problem in first.into_iter().chain(second) {
            match left_out_count(&problem) {
                Some(count) => dropped += count,
                None => located.push(problem),
            }
        }
        located.sort_by_key(|problem| (problem.line, problem.column));
        let mut problems = Problems::new();
        for problem in located {
            problems.push(problem);
        }
        problems.dropped += dropped;
        problems.into_vec()
    }
}

/// A problem written as `FILE:LINE:COL: message`.
pub fn located(path: &Path, problem: &Problem) -> String {
    let file = path.display();
    match (problem.line, problem.column) {
        (Some(line), Some(column)) => format!("{file}:{line}:{column}: {}", problem.message),
        (Some(line), None) => format!("{file}:{line}: {}", problem.message),
        _ => format!("{file}: {}", problem.message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_the_list_and_counts_the_rest() {
        let mut problems = Problems::new();
        for line in 1..=MAX_PROBLEMS + 7 {
            problems.push(Problem::on_line(line, "bad"));
        }
        assert_eq!(problems.len(), MAX_PROBLEMS + 7);
        let list = problems.into_vec();
        assert_eq!(list.len(), MAX_PROBLEMS + 1);
        assert!(list[MAX_PROBLEMS].message.contains("7 more"));
    }
}
