//! The report as a spreadsheet: one row per figure, with the previous period beside it and
//! the definition, so the numbers can be re-used without copying them by hand.

use super::report::ImpactReport;
use super::DEFINITIONS_VERSION;
use crate::domain::spreadsheet;

pub fn to_csv(report: &ImpactReport) -> String {
    let this = format!("{} to {}", report.period.from, report.period.to);
    let before = format!("{} to {}", report.previous.from, report.previous.to);
    let mut rows: Vec<[String; 5]> = Vec::new();
    for section in &report.sections {
        for f in &section.figures {
            rows.push([
                section.title.to_string(),
                f.label.clone(),
                f.value.raw(),
                f.previous.raw(),
                f.definition.to_string(),
            ]);
        }
    }
    rows.push([
        String::new(),
        DEFINITIONS_VERSION.to_string(),
        String::new(),
        String::new(),
        String::new(),
    ]);
    spreadsheet::to_csv(["section", "figure", &this, &before, "definition"], rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::impact::{build, Period, Records};

    #[test]
    fn one_row_per_figure_with_both_periods() {
        let report = build(&Records::default(), Period::quarter(2027, 1).unwrap());
        let csv = to_csv(&report);
        let mut lines = csv.lines();
        assert_eq!(
            lines.next().unwrap(),
            "section,figure,2027-01-01 to 2027-03-31,2026-10-01 to 2026-12-31,definition"
        );
        assert!(csv.contains("Outreach and learning,People supported,0,0,"));
        assert!(csv.contains("Outcomes,Member capital pledged,0.00,0.00,"));
    }
}
