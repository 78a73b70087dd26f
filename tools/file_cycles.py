#!/usr/bin/env python3
"""File import cycles in src/ (usage: tools/file_cycles.py [src]; WHY=a.rs,b.rs explains an edge): file A uses an item defined in file B (via crate::, super::, self::
or a re-export, resolved to the defining file) and B uses one defined in A."""
import re, os, sys
from collections import defaultdict
ROOT = sys.argv[1] if len(sys.argv) > 1 else 'src'
files = {}
for d, _, fs in os.walk(ROOT):
    for f in fs:
        if f.endswith('.rs'):
            p = os.path.join(d, f)
            rel = os.path.relpath(p, ROOT)[:-3]
            parts = rel.split('/')
            if parts[-1] in ('mod', 'lib', 'main'): parts = parts[:-1]
            if parts[:1] == ['bin']: continue
            files[tuple(parts)] = p
src = {m: open(p).read() for m, p in files.items()}
def strip_comments(s):
    s = re.sub(r'//[^\n]*', '', s)
    return s
code = {m: strip_comments(s) for m, s in src.items()}
# definitions and re-exports per module
defs = defaultdict(set); reexp = defaultdict(dict); inline_mods = defaultdict(set)
DEF = re.compile(r'^\s*(?:pub(?:\([^)]*\))?\s+)?(?:const\s+fn|unsafe\s+fn|async\s+fn|fn|struct|enum|trait|const|static|type|union|macro_rules!)\s+([A-Za-z_]\w*)', re.M)
USE = re.compile(r'^\s*(pub(?:\([^)]*\))?\s+)?use\s+([^;]+);', re.M)
def split_top(s):
    out, depth, cur = [], 0, ''
    for ch in s:
        if ch == '{': depth += 1
        if ch == '}': depth -= 1
        if ch == ',' and depth == 0: out.append(cur.strip()); cur = ''
        else: cur += ch
    if cur.strip(): out.append(cur.strip())
    return out
def flatten(tree, prefix=()):
    tree = ' '.join(tree.split())
    if tree.startswith('{'):
        return [x for t in split_top(tree[1:-1]) for x in flatten(t, prefix)]
    m = re.match(r'^(.*?)::\s*\{(.*)\}$', tree)
    if m:
        return [x for t in split_top(m.group(2)) for x in flatten(t, prefix + tuple(m.group(1).split('::')))]
    segs = tree.split('::')
    leaf = segs[-1]; alias = None
    if ' as ' in leaf: leaf, alias = [x.strip() for x in leaf.split(' as ')]
    return [(prefix + tuple(segs[:-1]), leaf, alias)]
for m, s in code.items():
    for n in DEF.findall(s): defs[m].add(n)
    for n in re.findall(r'^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*\{', s, re.M): inline_mods[m].add(n)
def scoped_uses(m, s):
    # `use` inside an inline `mod NAME {` (tests) resolves relative to that inline module.
    out = []
    spans = [(mt.start(), mt.group(1)) for mt in re.finditer(r'^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*\{', s, re.M)]
    for mt in USE.finditer(s):
        inner = [n for st, n in spans if st < mt.start()]
        scope = m + (inner[-1],) if inner else m
        out.append((scope, bool(mt.group(1)), flatten(mt.group(2))))
    return out
uses = {m: scoped_uses(m, s) for m, s in code.items()}
def absolute(m, path):
    p = list(path)
    if not p: return None
    if p[0] == 'crate': return tuple(p[1:])
    if p[0] == 'mamba_explainer': return tuple(p[1:])
    base = list(m)
    if p[0] == 'self': return tuple(base + p[1:])
    if p[0] == 'super':
        while p and p[0] == 'super': base = base[:-1]; p = p[1:]
        return tuple(base + p)
    if p[0] in inline_mods[m[:len(m)]] or (len(m) and p[0] in inline_mods.get(m[:-1], ())): return tuple(base + p)
    if tuple(base + [p[0]]) in files: return tuple(base + p)
    return None  # external crate
for m, us in uses.items():
    for scope, pub, items in us:
        if scope != m: continue
        for path, leaf, alias in items:
            a = absolute(m, path)
            if a is None: continue
            reexp[m][alias or leaf] = (a, leaf)
def resolve(modpath, name, seen=None):
    """The file module defining `name` reached as modpath::name, or None."""
    seen = seen or set()
    if (modpath, name) in seen: return None
    seen.add((modpath, name))
    # longest existing module prefix
    mp = tuple(modpath)
    while mp and mp not in files:
        mp = mp[:-1]
    if mp not in files: return None
    rest = tuple(modpath)[len(mp):]
    if rest:  # inline module or item path like Type::Variant
        if rest[0] in inline_mods[mp]: return mp
        if rest[0] in reexp[mp]:
            a, leaf = reexp[mp][rest[0]]
            return resolve(a + (leaf,) + rest[1:-0 or None][:-0 or None] if False else a + (leaf,) + rest[1:], name, seen)
        return mp
    if name in defs[mp]: return mp
    if name in reexp[mp]:
        a, leaf = reexp[mp][name]
        if leaf in ('self', '*'): return resolve(a[:-1], a[-1], seen) if leaf == 'self' else None
        return resolve(a, leaf, seen)
    if tuple(mp) + (name,) in files: return None  # a module named by a path: no item used
    return mp
edges = defaultdict(set)
for m, us in uses.items():
    for scope, pub, items in us:
        for path, leaf, alias in items:
            a = absolute(scope, path) if path[:1] in (('super',), ('self',)) else absolute(m, path)
            if a is None or leaf == '*': continue
            modname = alias or (a[-1] if leaf == 'self' else leaf)
            modpath = a if leaf == 'self' else a + (leaf,)
            if modpath in files or (modpath[:-1] in files and modpath[-1] in inline_mods[modpath[:-1]]):
                # a module imported by name: its items used as `name::Item` count
                for it in set(re.findall(r'(?<![\w:])' + re.escape(modname) + r'::(\w+)', USE.sub('', code[m]))):
                    t = resolve(modpath, it)
                    if t and t != m and t in files: edges[m].add(t)
                continue
            t = resolve(a, leaf)
            if t and t != m and t in files: edges[m].add(t)
    # inline paths crate::a::b::Item / super::x::Item
    for mt in re.finditer(r'(?<![\w:])((?:crate|super|self)(?:::\w+)+)(?!\s*::\s*\{)', USE.sub('', code[m])):
        segs = mt.group(1).split('::')
        if len(segs) < 2: continue
        a = absolute(m, segs[:-1])
        if a is None: continue
        t = resolve(a, segs[-1])
        if t and t != m and t in files: edges[m].add(t)
# mod.rs files declaring children are not edges: drop parent->child "mod" relation (only uses count)
name = lambda t: files[t]
found = set()
for a in edges:
    for b in edges[a]:
        if a in edges.get(b, ()):
            found.add(tuple(sorted((name(a), name(b)))))
# longer cycles via SCC
idx, low, st, on, sccs, c = {}, {}, [], set(), [], [0]
sys.setrecursionlimit(10000)
def strong(v):
    idx[v] = low[v] = c[0]; c[0] += 1; st.append(v); on.add(v)
    for w in edges.get(v, ()):
        if w not in idx: strong(w); low[v] = min(low[v], low[w])
        elif w in on: low[v] = min(low[v], idx[w])
    if low[v] == idx[v]:
        comp = []
        while True:
            w = st.pop(); on.discard(w); comp.append(w)
            if w == v: break
        if len(comp) > 1: sccs.append(sorted(name(x) for x in comp))
for v in list(files):
    if v not in idx: strong(v)
for a, b in sorted(found): print('2-cycle:', a, '<->', b)
for comp in sccs: print('cycle group:', ' '.join(comp))
print(f'{len(files)} files, {sum(len(v) for v in edges.values())} edges, {len(found)} two-file cycles, {len(sccs)} cycle groups')
if os.environ.get('WHY'):
    a, b = os.environ['WHY'].split(',')
    ka = next(k for k in files if files[k]==a); kb = next(k for k in files if files[k]==b)
    for scope, pub, items in uses[ka]:
        for path, leaf, alias in items:
            ab = absolute(ka, path)
            if ab is None: continue
            t = resolve(ab, leaf) if leaf != 'self' else None
            if t == kb: print('why:', path, leaf)
    for mt in re.finditer(r'(?<![\w:])((?:crate|super|self)(?:::\w+)+)', code[ka]):
        segs = mt.group(1).split('::'); ab = absolute(ka, segs[:-1])
        if ab and resolve(ab, segs[-1]) == kb: print('why inline:', mt.group(1))
