//! Each chart's and scene's table: the numbers it draws, as [`FigureData`], built from the very
//! spec its drawing function reads (each drawing function hands it to [`super::record`]).

use super::{
    BarChart, Cells, CircuitScene, EigenScene, ErrorChart, FigureData, GridScene, Heatmap,
    HeatmapStack, LineChart, LogChart, LogLogChart, Mark, MatrixMap, MemoryScene, PhaseScene,
    PlaneScene, ScalingChart, Series, SpringScene, TrackScene,
};

/// Line series as a table (shared x values as one column).
fn series_table(x: &str, y: &str, series: &[Series<'_>]) -> FigureData {
    let s: Vec<(&str, &[(f64, f64)])> = series.iter().map(|s| (s.label, &s.points[..])).collect();
    FigureData::series(x, y, &s)
}

impl LineChart<'_> {
    /// The plotted points.
    pub(crate) fn table(&self) -> FigureData {
        series_table(self.x_label, self.y_label, &self.series)
    }
}

impl LogChart<'_> {
    /// The plotted points.
    pub(crate) fn table(&self) -> FigureData {
        series_table(self.x_label, self.y_label, &self.series)
    }
}

impl LogLogChart<'_> {
    /// The plotted points.
    pub(crate) fn table(&self) -> FigureData {
        series_table(self.x_label, self.y_label, &self.series)
    }
}

impl ErrorChart<'_> {
    /// The plotted points.
    pub(crate) fn table(&self) -> FigureData {
        let s: Vec<(&str, &[(f64, f64)])> =
            self.series.iter().map(|s| (s.label, &s.points[..])).collect();
        FigureData::series(self.x_label, self.y_label, &s)
    }
}

impl BarChart<'_> {
    /// One row per bar: its index and value.
    pub(crate) fn table(&self) -> FigureData {
        let index: Vec<f64> = (0..self.values.len()).map(|i| i as f64).collect();
        FigureData::columns(vec![self.x_label.into(), self.y_label.into()], &[&index, self.values])
    }
}

impl Heatmap<'_> {
    /// One row per cell: (row, column, value).
    pub(crate) fn table(&self) -> FigureData {
        FigureData::matrix([self.y_label, self.x_label, self.value_label], self.values)
    }
}

impl MatrixMap<'_> {
    /// One row per cell: (row, column, value).
    pub(crate) fn table(&self) -> FigureData {
        FigureData::matrix([self.y_label, self.x_label, self.caption], self.values)
    }
}

impl HeatmapStack<'_> {
    /// One named row per panel row, a column per column of the stack (colour swatches have no
    /// numbers and are left out).
    pub(crate) fn table(&self) -> FigureData {
        let mut rows = Vec::new();
        for p in &self.panels {
            let Cells::Values { values, .. } = &p.cells else { continue };
            for i in 0..values.nrows() {
                let name = match p.row_labels.get(i) {
                    Some(l) if !l.is_empty() => format!("{} · {l}", p.title),
                    _ => p.title.to_owned(),
                };
                rows.push((name, values.row(i).iter().copied().collect::<Vec<f64>>()));
            }
        }
        let width = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
        let columns = (0..width)
            .map(|j| self.column_labels.get(j).cloned().unwrap_or_else(|| j.to_string()))
            .collect();
        FigureData::named(self.x_label, columns, rows)
    }
}

impl ScalingChart<'_> {
    /// One named row per measured point: x, y and its spread.
    pub(crate) fn table(&self) -> FigureData {
        let y = self.y_label;
        let columns = vec![self.x_label.into(), y.into(), format!("{y} min"), format!("{y} max")];
        let rows = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| (s.label.to_owned(), vec![p.x, p.y, p.lo, p.hi])))
            .collect();
        FigureData::named("", columns, rows)
    }
}

impl PlaneScene<'_> {
    /// Every point the marks draw, named by the mark's legend entry (in order) or its text.
    pub(crate) fn table(&self) -> FigureData {
        let mut rows = Vec::new();
        for (i, m) in self.marks.iter().enumerate() {
            let name = |k: &str| format!("{k} {}", i + 1);
            let (kind, points) = match m {
                Mark::Path { points, .. } => (name("—"), points.clone()),
                Mark::Polygon { points, .. } => (name("▱"), points.clone()),
                Mark::Dots { points, .. } => (name("●"), points.clone()),
                Mark::Rings { points, .. } => (name("○"), points.clone()),
                Mark::Arrow { from, to, .. } => (name("→"), vec![*from, *to]),
                Mark::Label { at, text, .. } => ((*text).to_owned(), vec![*at]),
            };
            rows.extend(points.into_iter().map(|p| (kind.clone(), vec![p.0, p.1])));
        }
        FigureData::named("", vec![self.x_label.into(), self.y_label.into()], rows)
    }
}

impl EigenScene<'_> {
    /// The eigenvalues: real and imaginary parts.
    pub(crate) fn table(&self) -> FigureData {
        let rows = self
            .eigenvalues
            .iter()
            .enumerate()
            .map(|(i, e)| (self.labels.get(i).cloned().unwrap_or_default(), vec![e.0, e.1]))
            .collect();
        FigureData::named("", vec![self.axes.0.into(), self.axes.1.into()], rows)
    }
}

impl GridScene {
    /// The agent's path (step, column, row), its last step where it stands, then the goal.
    pub(crate) fn table(&self) -> FigureData {
        let cell = |(x, y): (u32, u32)| (f64::from(x), f64::from(y));
        let path = self.trail.iter().chain([&self.agent]).map(|&c| cell(c));
        let mut rows: Vec<(String, Vec<f64>)> =
            path.enumerate().map(|(k, (x, y))| (String::new(), vec![k as f64, x, y])).collect();
        let goal = cell(self.goal);
        rows.push((self.goal_label.clone(), vec![f64::NAN, goal.0, goal.1]));
        FigureData::named("", vec!["k".into(), "x".into(), "y".into()], rows)
    }
}

impl TrackScene<'_> {
    /// Every drawn position, named by its legend text.
    pub(crate) fn table(&self) -> FigureData {
        let l = self.labels;
        let named = |name: &str, pts: &[(f64, f64)]| {
            pts.iter().map(|p| (name.to_owned(), vec![p.0, p.1])).collect::<Vec<_>>()
        };
        let mut rows = named(l[0], &self.observed);
        rows.extend(named(l[1], &self.estimated));
        rows.extend(named(l[2], &self.truth));
        rows.extend(named(l[3], &[self.predicted]));
        rows.extend(named(l[4], &[self.naive]));
        rows.extend(named(l[5], self.actual_next.as_slice()));
        FigureData::named("", vec![self.axes.0.into(), self.axes.1.into()], rows)
    }
}

impl MemoryScene<'_> {
    /// The signal, what the memory recalls of it (and the compared memory) per step.
    pub(crate) fn table(&self) -> FigureData {
        let l = &self.labels;
        let k: Vec<f64> = (0..self.signal.len()).map(|i| i as f64).collect();
        let mut columns = vec![l.x_axis.to_owned(), l.seen.to_owned(), l.recalled.to_owned()];
        let mut values = vec![&k[..], self.signal, self.recalled];
        if let Some((c, _)) = self.compared {
            columns.push(l.compared.to_owned());
            values.push(c);
        }
        FigureData::columns(columns, &values)
    }
}

impl PhaseScene<'_> {
    /// The trajectory's points in order, then the discrete steps.
    pub(crate) fn table(&self) -> FigureData {
        let rows = self
            .path
            .iter()
            .map(|p| ("—".to_owned(), vec![p.0, p.1]))
            .chain(self.steps.iter().map(|p| ("●".to_owned(), vec![p.0, p.1])))
            .collect();
        FigureData::named("", vec![self.axes.0.into(), self.axes.1.into()], rows)
    }
}

impl SpringScene<'_> {
    /// The mass's position and the force on it.
    pub(crate) fn table(&self) -> FigureData {
        FigureData::columns(vec![self.axis.into(), "F".into()], &[&[self.position], &[self.force]])
    }
}

impl CircuitScene<'_> {
    /// The charge, the current and the source.
    pub(crate) fn table(&self) -> FigureData {
        FigureData::columns(
            vec!["q".into(), self.current_label.into(), "u".into()],
            &[&[self.charge], &[self.current], &[self.source]],
        )
    }
}
