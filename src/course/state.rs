//! The state of lesson 1 (`#/state`) as kept in the address: the grid-world agent's moves and
//! the tracking example's settings.

use crate::explain::tracking::{GridWorld, Move};
use crate::route::{Query, UrlState};

/// Cells per side of the grid world.
pub const GRID: u32 = 8;
/// The goal cell.
pub const GOAL: (u32, u32) = (6, 5);
/// Where the agent starts.
pub const START: (u32, u32) = (1, 1);
/// The most moves kept (older ones are dropped).
pub const MAX_MOVES: usize = 64;
/// Steps of the tracking example.
pub const STEPS: usize = 60;
/// Steps the filter needs before its velocity estimate is worth judging.
pub const WARMUP: usize = 5;

/// Everything the lesson shows, as kept in the address.
#[derive(Debug, Clone, PartialEq)]
pub struct StateLesson {
    /// The agent's moves from the start, as letters L, R, U, D (its trail and position).
    pub moves: Vec<Move>,
    /// Observation noise σ of the tracking example.
    pub noise: f64,
    /// How far the tracking example has run (1..=STEPS).
    pub k: usize,
    /// Whether the true path is drawn.
    pub truth: bool,
}

impl Default for StateLesson {
    fn default() -> Self {
        StateLesson { moves: Vec::new(), noise: 0.4, k: 25, truth: false }
    }
}

fn letter(m: Move) -> char {
    match m {
        Move::Left => 'L',
        Move::Right => 'R',
        Move::Up => 'U',
        Move::Down => 'D',
    }
}

impl UrlState for StateLesson {
    fn to_query(&self) -> Query {
        Query::default()
            .with("moves", self.moves.iter().map(|&m| letter(m)).collect::<String>())
            .with("noise", self.noise)
            .with("k", self.k)
            .with("truth", u8::from(self.truth))
    }

    fn from_query(q: &Query) -> Self {
        let d = StateLesson::default();
        let moves = q
            .get("moves")
            .unwrap_or("")
            .chars()
            .filter_map(|c| match c {
                'L' => Some(Move::Left),
                'R' => Some(Move::Right),
                'U' => Some(Move::Up),
                'D' => Some(Move::Down),
                _ => None,
            })
            .take(MAX_MOVES)
            .collect();
        StateLesson {
            moves,
            noise: q.f64_in("noise", d.noise, 0.0, 2.0),
            k: q.usize_in("k", d.k, 1, STEPS),
            truth: q.flag("truth", d.truth),
        }
    }
}

impl StateLesson {
    /// The lesson's grid world.
    pub fn world() -> GridWorld {
        GridWorld { size: GRID, goal: GOAL }
    }

    /// Every cell visited, the start first and the agent's cell last.
    pub fn path(&self) -> Vec<(u32, u32)> {
        let world = Self::world();
        let mut at = START;
        let mut path = vec![at];
        for &m in &self.moves {
            at = world.step(at, m);
            path.push(at);
        }
        path
    }

    /// This state with `extra` moves appended.
    pub fn with_moves(&self, extra: &[Move]) -> StateLesson {
        let mut moves = self.moves.clone();
        moves.extend_from_slice(extra);
        let keep = moves.len().saturating_sub(MAX_MOVES);
        StateLesson { moves: moves.split_off(keep), ..self.clone() }
    }
}

/// The moves that walk from `from` to `to`, along x first.
pub fn walk(from: (u32, u32), to: (u32, u32)) -> Vec<Move> {
    let horizontal = if to.0 > from.0 { Move::Right } else { Move::Left };
    let vertical = if to.1 > from.1 { Move::Up } else { Move::Down };
    std::iter::repeat_n(horizontal, from.0.abs_diff(to.0) as usize)
        .chain(std::iter::repeat_n(vertical, from.1.abs_diff(to.1) as usize))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_round_trips_through_the_address() {
        let s = StateLesson { moves: vec![Move::Right, Move::Up], noise: 0.7, k: 12, truth: true };
        assert_eq!(StateLesson::from_query(&s.to_query()), s);
        assert_eq!(walk((1, 1), (3, 0)), vec![Move::Right, Move::Right, Move::Down]);
    }
}
