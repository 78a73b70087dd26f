//! The course: its lessons in the order of the learning path (shared/curriculum.md), and each
//! lesson's state as kept in the address (one file per lesson, natively testable).

pub mod block;
pub mod compare;
pub mod compute;
pub mod continuous;
pub mod discretize;
pub mod hardware;
pub mod hippo;
pub mod origins;
pub mod readout;
pub mod scan;
pub mod selection;
pub mod state;
pub mod views;

/// One lesson of the course; its slug is its route (`#/<slug>`) and its i18n key prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lesson {
    /// 1. State as a vector.
    State,
    /// 2–3. The continuous SSM, and why linear matters.
    Continuous,
    /// 4. Discretization by zero-order hold.
    Discretize,
    /// 5. Two views of one LTI system: recurrence and convolution.
    Views,
    /// 6. S4 and HiPPO memory.
    Hippo,
    /// 7–8. What S4 cannot do, and selection.
    Selection,
    /// 9. Between RNN and Transformer.
    Compare,
    /// 10. The parallel scan.
    Scan,
    /// 11. Hardware-aware computation.
    Hardware,
    /// 12. The Mamba block and beyond.
    Block,
    /// 13. Where SSMs come from.
    Origins,
}

impl Lesson {
    /// Every lesson, in the order of the learning path.
    pub const ALL: [Lesson; 11] = [
        Lesson::State,
        Lesson::Continuous,
        Lesson::Discretize,
        Lesson::Views,
        Lesson::Hippo,
        Lesson::Selection,
        Lesson::Compare,
        Lesson::Scan,
        Lesson::Hardware,
        Lesson::Block,
        Lesson::Origins,
    ];

    /// The route segment and i18n key prefix, e.g. `"state"`.
    pub fn slug(self) -> &'static str {
        match self {
            Lesson::State => "state",
            Lesson::Continuous => "continuous",
            Lesson::Discretize => "discretize",
            Lesson::Views => "views",
            Lesson::Hippo => "hippo",
            Lesson::Selection => "selection",
            Lesson::Compare => "compare",
            Lesson::Scan => "scan",
            Lesson::Hardware => "hardware",
            Lesson::Block => "block",
            Lesson::Origins => "origins",
        }
    }

    /// The lesson whose slug this is.
    pub fn from_slug(slug: &str) -> Option<Lesson> {
        Lesson::ALL.into_iter().find(|l| l.slug() == slug)
    }

    /// Position in the course, from 0.
    pub fn index(self) -> usize {
        Lesson::ALL.iter().position(|&l| l == self).unwrap_or(0)
    }

    /// The lesson before this one, if any.
    pub fn prev(self) -> Option<Lesson> {
        self.index().checked_sub(1).map(|i| Lesson::ALL[i])
    }

    /// The lesson after this one, if any.
    pub fn next(self) -> Option<Lesson> {
        Lesson::ALL.get(self.index() + 1).copied()
    }

    /// The items of shared/curriculum.md this lesson covers.
    pub fn curriculum_items(self) -> &'static [u8] {
        match self {
            Lesson::State => &[1],
            Lesson::Continuous => &[2, 3],
            Lesson::Discretize => &[4],
            Lesson::Views => &[5],
            Lesson::Hippo => &[6],
            Lesson::Selection => &[7, 8],
            Lesson::Compare => &[9],
            Lesson::Scan => &[10],
            Lesson::Hardware => &[11],
            Lesson::Block => &[12],
            Lesson::Origins => &[13],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_cover_the_curriculum_in_order() {
        for l in Lesson::ALL {
            assert_eq!(Lesson::from_slug(l.slug()), Some(l));
        }
        let items: Vec<u8> =
            Lesson::ALL.iter().flat_map(|l| l.curriculum_items()).copied().collect();
        assert_eq!(items, (1..=13).collect::<Vec<u8>>());
        assert_eq!(Lesson::State.prev(), None);
        assert_eq!(Lesson::Origins.next(), None);
        assert_eq!(Lesson::Views.next(), Some(Lesson::Hippo));
    }
}
