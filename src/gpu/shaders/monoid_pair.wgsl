// monoid_pair.wgsl — the selective scan's monoid. One step h ↦ a·h + b is the pair (a, b);
// doing l first and then r is (a_l·a_r, a_r·b_l + b_r). Identity (1, 0). Associative but not
// commutative: `combine(l, r)` must keep l as the earlier step.

alias Elem = vec2<f32>;

const IDENTITY = vec2<f32>(1.0, 0.0);

fn combine(l: Elem, r: Elem) -> Elem {
    return vec2<f32>(l.x * r.x, r.x * l.y + r.y);
}
