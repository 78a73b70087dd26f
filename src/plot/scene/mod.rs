//! The lesson-specific pictures, each drawn on the generic charts of [`super::chart`].

pub(crate) mod copying;
pub(crate) mod discretize;
pub(crate) mod eigen;
pub(crate) mod grid_world;
pub(crate) mod machines;
pub(crate) mod memory;
pub(crate) mod phase;
pub(crate) mod tracking;
pub(crate) mod views;
