//! Messages for fields of a form that a person must fix.
//!
//! Fixable input is not an error of the application: a form with problems is shown again with
//! these messages beside the fields and in an error summary at the top. The summary lists the
//! problems in the order the fields appear, so the messages are kept in insertion order rather
//! than sorted by name.

use serde::Serialize;

/// One message for one field. `field` is the form field's name (also its HTML id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
    /// The question's label, when the form gives one: the error summary puts it before the
    /// message, so three "Enter a whole number" lines say which three questions they are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// The problems found in one submitted form, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a message for a field. A second message for the same field is kept too: the
    /// page shows the first beside the field and all of them in the summary.
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.into(),
            message: message.into(),
            label: None,
        });
    }

    /// Names each problem's question for the error summary, where `label_of` knows it.
    pub fn labelled(mut self, label_of: impl Fn(&str) -> Option<String>) -> Self {
        for e in &mut self.0 {
            e.label = label_of(&e.field);
        }
        self
    }

    /// Points each problem at the box's HTML id where that differs from the field's name, as
    /// when one page holds the same form several times and each copy's ids carry a prefix.
    pub fn with_ids(mut self, id_of: impl Fn(&str) -> String) -> Self {
        for e in &mut self.0 {
            e.field = id_of(&e.field);
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the field has at least one problem.
    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }

    /// The first message for a field, the one shown beside it.
    pub fn first(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }

    /// Adds every problem of `other` after the ones already here.
    pub fn merge(&mut self, other: FieldErrors) {
        self.0.extend(other.0);
    }

    /// `Ok(value)` when nothing was found, else the problems.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }

    /// The first message of each field, by field name, for templates that show a message
    /// beside each field.
    pub fn by_field(&self) -> std::collections::BTreeMap<String, String> {
        let mut map = std::collections::BTreeMap::new();
        for e in &self.0 {
            map.entry(e.field.clone())
                .or_insert_with(|| e.message.clone());
        }
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_messages_in_the_order_they_were_found() {
        let mut errors = FieldErrors::new();
        errors.add("name", "Enter a name");
        errors.add("email", "Enter an email address");
        errors.add("name", "Name is too long");
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "email", "name"]);
        assert_eq!(errors.first("name"), Some("Enter a name"));
        assert_eq!(errors.by_field().len(), 2);
    }

    #[test]
    fn an_empty_set_lets_the_value_through() {
        assert_eq!(FieldErrors::new().into_result(3), Ok(3));
    }
}
