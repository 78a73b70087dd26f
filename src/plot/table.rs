//! The numbers a figure draws, as a table: what "Show data" lists and downloads as CSV. Lessons
//! build it from the same core results they hand to the drawing function.

/// Column headers and rows of numbers (each row as long as the headers).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FigureData {
    /// The column headers, with units where the axis has them.
    pub columns: Vec<String>,
    /// The rows; a non-finite value is an empty cell.
    pub rows: Vec<Vec<f64>>,
}

impl FigureData {
    /// A table whose row `j` is `(x[j], series₀[j], series₁[j], …)`, as long as the shortest
    /// column: the common shape of a time plot.
    pub fn columns(columns: Vec<String>, values: &[&[f64]]) -> FigureData {
        let n = values.iter().map(|v| v.len()).min().unwrap_or(0);
        let rows = (0..n).map(|j| values.iter().map(|v| v[j]).collect()).collect();
        FigureData { columns, rows }
    }

    /// The table as CSV (RFC 4180): headers quoted where needed, numbers at full precision
    /// (they read back to the same f64), non-finite values empty.
    pub fn to_csv(&self) -> String {
        let mut out = self.columns.iter().map(|c| quote(c)).collect::<Vec<_>>().join(",");
        out.push_str("\r\n");
        for row in &self.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|v| if v.is_finite() { v.to_string() } else { String::new() })
                .collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out
    }
}

/// A CSV field: quoted, with quotes doubled, when it holds a comma, a quote or a line break.
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_headers_and_keeps_full_precision() {
        let data = FigureData::columns(
            vec!["t (s)".into(), "x, held".into(), "say \"y\"".into()],
            &[&[0.0, 0.1], &[1.0, f64::NAN], &[1.0 / 3.0, -2e-9, 5.0]],
        );
        assert_eq!(data.rows.len(), 2);
        let csv = data.to_csv();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], "t (s),\"x, held\",\"say \"\"y\"\"\"");
        assert_eq!(lines[1], "0,1,0.3333333333333333");
        assert_eq!(lines[2], "0.1,,-0.000000002");
        assert_eq!(lines[3], "");
        assert_eq!(lines[1].split(',').nth(2).unwrap().parse::<f64>().unwrap(), 1.0 / 3.0);
    }

    #[test]
    fn an_empty_table_has_only_its_header() {
        let data = FigureData::columns(vec!["a".into()], &[]);
        assert_eq!(data.to_csv(), "a\r\n");
    }
}
