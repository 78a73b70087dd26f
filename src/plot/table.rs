//! The numbers a figure draws, as a table: what "Show data" lists and downloads as CSV.
//!
//! Every chart and scene of [`crate::plot`] hands the numbers it is about to draw to
//! [`record`]; a caller that wants them wraps its draw in [`recorded`] and gets the figure's
//! table from the very values the drawing used, so the table cannot drift from the picture.
//! Outside [`recorded`] (downloads, the `figure` command) recording costs nothing.

use std::cell::RefCell;

/// Column headers and rows of numbers (each row as long as the headers), with an optional
/// first column of row names (a bar's label, a series' name).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FigureData {
    /// The column headers, with units where the axis has them; with row names, the first header
    /// is theirs.
    pub columns: Vec<String>,
    /// The rows; a non-finite value is an empty cell.
    pub rows: Vec<Vec<f64>>,
    /// The rows' names, empty when the table has none (else one per row).
    pub labels: Vec<String>,
}

thread_local! {
    /// The tables recorded since [`recorded`] began, or `None` when nobody records.
    static RECORDING: RefCell<Option<Vec<FigureData>>> = const { RefCell::new(None) };
}

/// Hands the table of what a chart is drawing to the current recording, if any (`table` is
/// only built then).
pub(crate) fn record(table: impl FnOnce() -> FigureData) {
    RECORDING.with(|r| {
        if let Some(tables) = r.borrow_mut().as_mut() {
            tables.push(table());
        }
    });
}

/// Runs `draw` and returns its result with the table of everything it drew (the tables of
/// several charts merged by [`FigureData::merge`]).
pub fn recorded<T>(draw: impl FnOnce() -> T) -> (T, FigureData) {
    let outer = RECORDING.with(|r| r.borrow_mut().replace(Vec::new()));
    let out = draw();
    let tables = RECORDING.with(|r| std::mem::replace(&mut *r.borrow_mut(), outer));
    (out, FigureData::merge(tables.unwrap_or_default()))
}

impl FigureData {
    /// A table whose row `j` is `(x[j], series₀[j], series₁[j], …)`, as long as the shortest
    /// column: the common shape of a time plot.
    pub fn columns(columns: Vec<String>, values: &[&[f64]]) -> FigureData {
        let n = values.iter().map(|v| v.len()).min().unwrap_or(0);
        let rows = (0..n).map(|j| values.iter().map(|v| v[j]).collect()).collect();
        FigureData { columns, rows, labels: Vec::new() }
    }

    /// Named rows of numbers: `(name, values)` under `header` (the names' column) and `columns`.
    pub fn named(header: &str, columns: Vec<String>, rows: Vec<(String, Vec<f64>)>) -> FigureData {
        let (labels, rows) = rows.into_iter().unzip();
        FigureData {
            columns: std::iter::once(header.to_owned()).chain(columns).collect(),
            rows,
            labels,
        }
    }

    /// The points of line series: one row per x with a column per series when they share
    /// their x values, else one row per point named by its series.
    pub fn series(x: &str, y: &str, series: &[(&str, &[(f64, f64)])]) -> FigureData {
        let xs = |pts: &[(f64, f64)]| pts.iter().map(|p| p.0.to_bits()).collect::<Vec<_>>();
        let shared = series.windows(2).all(|w| xs(w[0].1) == xs(w[1].1));
        match (shared, series.first()) {
            (_, None) => FigureData::default(),
            (true, Some((_, first))) => {
                let rows = (0..first.len())
                    .map(|j| {
                        std::iter::once(first[j].0).chain(series.iter().map(|s| s.1[j].1)).collect()
                    })
                    .collect();
                let names = series
                    .iter()
                    .map(|s| if s.0.is_empty() { y.to_owned() } else { s.0.to_owned() });
                FigureData {
                    columns: std::iter::once(x.to_owned()).chain(names).collect(),
                    rows,
                    labels: Vec::new(),
                }
            }
            (false, Some(_)) => FigureData::named(
                "",
                vec![x.to_owned(), y.to_owned()],
                series
                    .iter()
                    .flat_map(|(name, pts)| {
                        pts.iter().map(move |p| ((*name).to_owned(), vec![p.0, p.1]))
                    })
                    .collect(),
            ),
        }
    }

    /// A matrix as rows of (row, column, value), under the given headers.
    pub fn matrix(headers: [&str; 3], values: &nalgebra::DMatrix<f64>) -> FigureData {
        let rows = (0..values.nrows())
            .flat_map(|i| (0..values.ncols()).map(move |j| (i, j)))
            .map(|(i, j)| vec![i as f64, j as f64, values[(i, j)]])
            .collect();
        FigureData { columns: headers.map(str::to_owned).to_vec(), rows, labels: Vec::new() }
    }

    /// The numeric columns' headers (without the row names' header).
    pub fn numeric_columns(&self) -> &[String] {
        let skip = usize::from(!self.labels.is_empty()).min(self.columns.len());
        &self.columns[skip..]
    }

    /// Several charts' tables as one: the union of their numeric columns (in order of first
    /// appearance; a table leaves the others' cells empty), its rows after the previous', and
    /// row names kept (empty for a table without them).
    pub fn merge(tables: Vec<FigureData>) -> FigureData {
        if tables.len() <= 1 {
            return tables.into_iter().next().unwrap_or_default();
        }
        let mut columns: Vec<String> = Vec::new();
        for t in &tables {
            for c in t.numeric_columns() {
                if !columns.contains(c) {
                    columns.push(c.clone());
                }
            }
        }
        let header = tables
            .iter()
            .find(|t| !t.labels.is_empty())
            .map_or("", |t| t.columns[0].as_str())
            .to_owned();
        let (mut rows, mut labels) = (Vec::new(), Vec::new());
        for t in &tables {
            let at: Vec<usize> = t
                .numeric_columns()
                .iter()
                .map(|c| columns.iter().position(|x| x == c).unwrap_or(0))
                .collect();
            for (k, r) in t.rows.iter().enumerate() {
                let mut row = vec![f64::NAN; columns.len()];
                for (v, &j) in r.iter().zip(&at) {
                    row[j] = *v;
                }
                rows.push(row);
                labels.push(t.labels.get(k).cloned().unwrap_or_default());
            }
        }
        let named = labels.iter().any(|l| !l.is_empty());
        match named {
            true => FigureData {
                columns: std::iter::once(header).chain(columns).collect(),
                rows,
                labels,
            },
            false => FigureData { columns, rows, labels: Vec::new() },
        }
    }

    /// The table as CSV (RFC 4180): headers quoted where needed, numbers at full precision
    /// (they read back to the same f64), non-finite values empty.
    pub fn to_csv(&self) -> String {
        let mut out = self.columns.iter().map(|c| quote(c)).collect::<Vec<_>>().join(",");
        out.push_str("\r\n");
        for (k, row) in self.rows.iter().enumerate() {
            let name = self.labels.get(k).map(|l| quote(l));
            let cells: Vec<String> = name
                .into_iter()
                .chain(
                    row.iter().map(|v| if v.is_finite() { v.to_string() } else { String::new() }),
                )
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
    fn recording_collects_the_drawn_tables_and_merges_them() {
        record(|| unreachable!("nobody records"));
        let ((), data) = recorded(|| {
            record(|| FigureData::series("t", "y", &[("a", &[(0.0, 1.0), (1.0, 2.0)])]));
            record(|| FigureData::named("bar", vec!["v".into()], vec![("x, y".into(), vec![3.0])]));
        });
        assert_eq!(data.columns, ["bar", "t", "a", "v"]);
        assert_eq!(data.labels, ["", "", "x, y"]);
        assert_eq!(data.rows[2][2], 3.0);
        assert!(data.rows[2][0].is_nan());
        assert!(data.to_csv().ends_with("\"x, y\",,,3\r\n"));
        // Series on different x values become named points.
        let d = FigureData::series("t", "y", &[("a", &[(0.0, 1.0)]), ("b", &[(0.5, 2.0)])]);
        assert_eq!((d.labels.len(), d.numeric_columns().len()), (2, 2));
    }

    #[test]
    fn an_empty_table_has_only_its_header() {
        let data = FigureData::columns(vec!["a".into()], &[]);
        assert_eq!(data.to_csv(), "a\r\n");
    }
}
