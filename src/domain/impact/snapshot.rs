//! A report's figures frozen as they were shown, for a saved run: what was sent to a funder
//! can be shown again later unchanged, whatever happens to the records since.

use serde::{Deserialize, Serialize};

use super::report::ImpactReport;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrozenFigure {
    pub label: String,
    /// As people read it ("£6,000") and as a spreadsheet reads it ("6000.00").
    pub value: String,
    pub value_raw: String,
    pub previous: String,
    pub previous_raw: String,
    pub change: String,
    pub definition: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrozenSection {
    pub title: String,
    pub figures: Vec<FrozenFigure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// "1 January 2027 to 31 March 2027", and the period compared with.
    pub period: String,
    pub previous: String,
    pub summary: Vec<String>,
    pub sections: Vec<FrozenSection>,
}

impl Snapshot {
    pub fn of(report: &ImpactReport) -> Snapshot {
        Snapshot {
            period: report.period.describe(),
            previous: report.previous.describe(),
            summary: report.summary.clone(),
            sections: report
                .sections
                .iter()
                .map(|s| FrozenSection {
                    title: s.title.to_string(),
                    figures: s
                        .figures
                        .iter()
                        .map(|f| FrozenFigure {
                            label: f.label.clone(),
                            value: f.value.display(),
                            value_raw: f.value.raw(),
                            previous: f.previous.display(),
                            previous_raw: f.previous.raw(),
                            change: f.change(),
                            definition: f.definition.to_string(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A stored run's figures; `None` if what is stored cannot be read.
    pub fn from_json(text: &str) -> Option<Snapshot> {
        serde_json::from_str(text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::impact::{build, Period, Records};

    #[test]
    fn a_snapshot_reads_back_exactly_as_it_was_saved() {
        let report = build(&Records::default(), Period::quarter(2027, 1).unwrap());
        let snapshot = Snapshot::of(&report);
        assert_eq!(
            Snapshot::from_json(&snapshot.to_json()),
            Some(snapshot.clone())
        );
        let pledged = snapshot
            .sections
            .iter()
            .flat_map(|s| &s.figures)
            .find(|f| f.label == "Member capital pledged")
            .unwrap();
        assert_eq!(
            (pledged.value.as_str(), pledged.value_raw.as_str()),
            ("£0", "0.00")
        );
        assert!(Snapshot::from_json("not json").is_none());
    }
}
