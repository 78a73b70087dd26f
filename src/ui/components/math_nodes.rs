//! The markup of [`crate::mathml`] as Yew nodes. A live equation changes a few numbers when a
//! slider moves; as nodes, Yew changes just those texts, where raw HTML had the browser parse
//! the whole equation again and style every element of it anew on each update.

use yew::virtual_dom::{VNode, VTag, VText};

/// The attribute names the markup uses (Yew takes attribute names as `'static`).
const ATTRIBUTES: [&str; 3] = ["display", "accent", "columnalign"];

/// The nodes of `markup`; markup this reader does not follow is handed to the browser whole.
pub(crate) fn math_nodes(markup: &str) -> VNode {
    read(markup).unwrap_or_else(|| VNode::from_html_unchecked(markup.to_owned().into()))
}

/// `&amp;`, `&lt;`, `&gt;` and `&quot;` (the escapes `crate::mathml` writes) as characters.
fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let (c, len) = [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"')]
            .into_iter()
            .find_map(|(e, c)| tail.starts_with(e).then_some((c, e.len())))?;
        out.push(c);
        rest = &tail[len..];
    }
    out.push_str(rest);
    Some(out)
}

/// A start tag's inside (`mover accent="true"`) as an element.
fn open(inside: &str) -> Option<VTag> {
    let mut parts = inside.splitn(2, ' ');
    let mut tag = VTag::new(parts.next()?.to_owned());
    let mut attrs = parts.next().unwrap_or("").trim();
    while !attrs.is_empty() {
        let (name, rest) = attrs.split_once("=\"")?;
        let (value, rest) = rest.split_once('"')?;
        let name = ATTRIBUTES.into_iter().find(|a| *a == name.trim())?;
        tag.add_attribute(name, unescape(value)?);
        attrs = rest.trim_start();
    }
    Some(tag)
}

/// The one element of `markup`, or `None` where it is not well nested.
fn read(markup: &str) -> Option<VNode> {
    let mut open_tags: Vec<VTag> = Vec::new();
    let mut done = None;
    let mut rest = markup;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("</") {
            let (name, tail) = after.split_once('>')?;
            let tag = open_tags.pop().filter(|t| t.tag() == name)?;
            match open_tags.last_mut() {
                Some(parent) => parent.add_child(tag.into()),
                None if done.is_none() => done = Some(VNode::from(tag)),
                None => return None,
            }
            rest = tail;
        } else if let Some(after) = rest.strip_prefix('<') {
            let (inside, tail) = after.split_once('>')?;
            open_tags.push(open(inside)?);
            rest = tail;
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            open_tags.last_mut()?.add_child(VText::new(unescape(&rest[..end])?).into());
            rest = &rest[end..];
        }
    }
    if open_tags.is_empty() { done } else { None }
}
