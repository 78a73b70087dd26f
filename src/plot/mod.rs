//! Figures drawn with plotters, generic over `DrawingBackend`: the same function draws on a
//! canvas in the page and to SVG in native tests and the `figure` command.
