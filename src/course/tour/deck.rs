//! Decks: a teacher's own sequence of views (lesson, state, caption), kept in local storage and
//! shared as one address. In the address a deck is a query: `title=…&v1=…&v2=…`, each view
//! `<slug>\n<query>\n<caption>` (the newline cannot occur in any of the three).

use crate::course::Lesson;
use crate::url::Query;

/// At most this many views in a deck (an address stays shareable).
const MAX_VIEWS: usize = 60;

/// One view of a deck.
#[derive(Debug, Clone, PartialEq)]
pub struct DeckView {
    /// The lesson shown.
    pub lesson: Lesson,
    /// Its state, the query after `#/<slug>?`.
    pub query: String,
    /// The caption shown with it.
    pub caption: String,
}

/// A titled sequence of views.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Deck {
    /// The deck's title.
    pub title: String,
    /// Its views, in order.
    pub views: Vec<DeckView>,
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

impl Deck {
    /// The deck as a query (see the module's documentation).
    pub fn to_query(&self) -> Query {
        self.views.iter().enumerate().fold(
            Query::default().with("title", one_line(&self.title)),
            |q, (i, v)| {
                let value = format!(
                    "{}\n{}\n{}",
                    v.lesson.slug(),
                    one_line(&v.query),
                    one_line(&v.caption)
                );
                q.with(&format!("v{}", i + 1), value)
            },
        )
    }

    /// The deck read from a query; views of unknown lessons are skipped.
    pub fn from_query(q: &Query) -> Deck {
        let views = (1..=MAX_VIEWS)
            .map_while(|i| q.get(&format!("v{i}")))
            .filter_map(|value| {
                let mut parts = value.splitn(3, '\n');
                let lesson = Lesson::from_slug(parts.next()?)?;
                let query = parts.next().unwrap_or("").to_owned();
                Some(DeckView { lesson, query, caption: parts.next().unwrap_or("").to_owned() })
            })
            .collect();
        Deck { title: q.get("title").unwrap_or("").to_owned(), views }
    }

    /// The view at `i` moved by `by` places (−1 up, +1 down), if it stays inside the deck.
    pub fn moved(mut self, i: usize, by: isize) -> Deck {
        if let Some(j) =
            i.checked_add_signed(by).filter(|&j| j < self.views.len() && i < self.views.len())
        {
            self.views.swap(i, j);
        }
        self
    }
}
