// monoid_sum.wgsl — addition of f32, the monoid of a plain prefix sum. Identity 0.

alias Elem = f32;

const IDENTITY = 0.0;

fn combine(l: Elem, r: Elem) -> Elem {
    return l + r;
}
