//! What to draw: a [`Chart`] of panels, lines and event marks built from a dataset.
