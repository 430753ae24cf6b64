//! The datasets embedded in the app: the default (US–China trade, tariffs and events)
//! and the samples of File → Open sample, each built by
//! `scripts/build_default_dataset.py` from the reference tables in `assets/data/`.

use super::{Dataset, Problem, json};

/// One embedded dataset.
#[derive(Debug, PartialEq, Eq)]
pub struct Sample {
    /// How the command line names it (`--sample deficit-moved`).
    pub name: &'static str,
    /// How a saved view names it (`"embedded": "us-china-trade"`), and the stem of
    /// the names suggested when saving a view of it.
    pub embedded_name: &'static str,
    /// Its title, as File → Open sample lists it.
    pub title: &'static str,
    /// One line on what it shows.
    pub description: &'static str,
    /// The JSON document, as in `assets/`.
    pub json: &'static str,
}

impl Sample {
    /// The dataset, read from its JSON document.
    pub fn dataset(&self) -> Result<Dataset, Vec<Problem>> {
        json::read(self.json)
    }

    /// True for the dataset the window opens on.
    pub fn is_default(&self) -> bool {
        self.name == DEFAULT.name
    }
}

/// The dataset the window opens on when no file is given.
pub const DEFAULT: Sample = Sample {
    name: "default",
    embedded_name: "us-china-trade",
    title: "US–China goods trade, tariffs and policy events",
    description: "Yearly trade with China 1985 – Apr 2026, the average tariffs as dated \
                  steps, 53 policy events",
    json: include_str!("../../assets/us-china-trade.json"),
};

/// Every embedded dataset, the default first.
pub const SAMPLES: [Sample; 3] = [
    DEFAULT,
    Sample {
        name: "deficit-moved",
        embedded_name: "deficit-moved",
        title: "Where the US goods deficit went, 2015–2025",
        description: "The US goods balance with China, Mexico, Vietnam, the EU, Japan, \
                      Taiwan, Canada and the world, each value's release marked",
        json: include_str!("../../assets/deficit-moved.json"),
    },
    Sample {
        name: "monthly",
        embedded_name: "us-china-monthly",
        title: "US–China goods trade by month, 1985 – April 2026",
        description: "Monthly exports, imports and balance with China; Nov–Dec 2023, \
                      which no source gave, are a gap",
        json: include_str!("../../assets/us-china-monthly.json"),
    },
];

/// The embedded dataset called `name` on the command line or in a saved view.
pub fn sample(name: &str) -> Option<&'static Sample> {
    let name = name.trim();
    SAMPLES
        .iter()
        .find(|sample| sample.name == name || sample.embedded_name == name)
}

/// The message for a name that is no sample, listing those that are.
pub fn unknown_sample(name: &str) -> String {
    let known: Vec<&str> = SAMPLES.iter().map(|sample| sample.name).collect();
    format!(
        "expected a sample name ({}), found \"{name}\"",
        known.join(", ")
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly")]
mod tests {
    use super::*;

    #[test]
    fn a_sample_is_found_by_its_name_or_the_name_views_give_it() {
        assert_eq!(
            sample("deficit-moved").unwrap().embedded_name,
            "deficit-moved"
        );
        assert_eq!(sample("us-china-monthly").unwrap().name, "monthly");
        assert!(sample(" default ").unwrap().is_default());
        assert!(sample("Default").is_none());
        assert_eq!(
            unknown_sample("weekly"),
            "expected a sample name (default, deficit-moved, monthly), found \"weekly\""
        );
    }

    #[test]
    fn every_sample_reads_with_its_listed_title() {
        for sample in &SAMPLES {
            let dataset = sample.dataset().unwrap();
            assert_eq!(dataset.title, sample.title, "{}", sample.name);
        }
    }
}
