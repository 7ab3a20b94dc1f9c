//! The heavy measures on a compact adjacency ([`Csr`]): closeness (bit-parallel
//! breadth-first searches, 64 sources at a time), betweenness (one Brandes search per
//! source, without predecessor lists when unweighted), both with their sources spread
//! over rayon's threads and buffers reused per thread; and the power iterations of
//! PageRank and eigenvector centrality (rows in parallel on large networks).
//!
//! Every result is deterministic whatever the number of threads: closeness sums integer
//! distances per source, the power iterations sum each row in a fixed order, and
//! betweenness adds the sources' contributions in [`CHUNKS`] fixed chunks, summed in
//! chunk order.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rayon::prelude::*;

use super::CollabNetwork;

/// Betweenness splits the sources into this many chunks (each with its own score
/// vector, summed in order at the end): enough to keep many threads busy, few enough
/// that the vectors stay small next to the network.
pub const CHUNKS: usize = 32;

/// Networks with fewer nodes iterate PageRank and eigenvector rows on one thread
/// (spawning costs more than the rows).
const PARALLEL_ROWS: usize = 20_000;

/// Compressed sparse rows of an undirected network: the neighbours of `v` are
/// `targets[offsets[v]..offsets[v + 1]]` (ascending), with the edge weights alongside.
/// A self-loop is listed once, as networkx and petgraph list it.
#[derive(Debug, Clone, Default)]
pub struct Csr {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
}

impl Csr {
    /// The adjacency of `net` (edge weight = number of shared operations).
    pub fn new(net: &CollabNetwork) -> Csr {
        let edges = net.graph.raw_edges().iter();
        Csr::from_edges(
            net.node_count(),
            edges.map(|e| (e.source().index(), e.target().index(), e.weight.weight)),
        )
    }

    /// The adjacency of `n` nodes and undirected `(a, b, weight)` edges.
    pub fn from_edges(n: usize, edges: impl Iterator<Item = (usize, usize, f64)> + Clone) -> Csr {
        let mut degree = vec![0usize; n + 1];
        for (a, b, _) in edges.clone() {
            degree[a] += 1;
            if a != b {
                degree[b] += 1;
            }
        }
        let mut offsets = Vec::with_capacity(n + 1);
        let mut total = 0;
        for d in &degree[..n] {
            offsets.push(total);
            total += d;
        }
        offsets.push(total);
        let mut fill = offsets.clone();
        let mut adj = vec![(0u32, 0.0f64); total];
        for (a, b, w) in edges {
            adj[fill[a]] = (b as u32, w);
            fill[a] += 1;
            if a != b {
                adj[fill[b]] = (a as u32, w);
                fill[b] += 1;
            }
        }
        for v in 0..n {
            adj[offsets[v]..offsets[v + 1]].sort_by(|x, y| x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)));
        }
        Csr {
            offsets,
            targets: adj.iter().map(|e| e.0).collect(),
            weights: adj.iter().map(|e| e.1).collect(),
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// No nodes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[inline]
    fn neighbours(&self, v: usize) -> &[u32] {
        &self.targets[self.offsets[v]..self.offsets[v + 1]]
    }

    #[inline]
    fn weights(&self, v: usize) -> &[f64] {
        &self.weights[self.offsets[v]..self.offsets[v + 1]]
    }

    /// Weighted degree of every node.
    pub fn strengths(&self) -> Vec<f64> {
        (0..self.len()).map(|v| self.weights(v).iter().sum()).collect()
    }
}

/// Closeness with networkx's Wasserman–Faust scaling (`closeness_centrality(G)`):
/// `(r − 1) / Σd · (r − 1) / (n − 1)` over the `r` nodes a node reaches; 0 when it
/// reaches none.
pub fn closeness(csr: &Csr) -> Vec<f64> {
    let all: Vec<usize> = (0..csr.len()).collect();
    closeness_of(csr, &all)
}

/// The closeness of `nodes` only, in their order. Searches run 64 at a time, one bit
/// per source (a `Batch`); batches run on rayon's threads.
pub fn closeness_of(csr: &Csr, nodes: &[usize]) -> Vec<f64> {
    let n = csr.len();
    let per_batch: Vec<Vec<f64>> = nodes
        .par_chunks(64)
        .map_init(
            || Batch::new(n),
            |batch, sources| {
                batch
                    .distance_sums(csr, sources)
                    .into_iter()
                    .map(|(reached, total)| closeness_value(n, reached, total))
                    .collect()
            },
        )
        .collect();
    per_batch.concat()
}

/// networkx's closeness of a node reaching `reached` nodes (itself included) at total
/// distance `total`, in a network of `n` nodes.
fn closeness_value(n: usize, reached: u64, total: u64) -> f64 {
    if reached <= 1 || total == 0 {
        return 0.0;
    }
    let r = (reached - 1) as f64;
    let c = r / total as f64;
    c * (r / (n - 1) as f64)
}

/// Up to 64 breadth-first searches at once (multi-source BFS, Then et al., VLDB 2014):
/// bit `i` of a node's words says whether source `i` has seen it, reaches it at this
/// level, or will at the next. A node at the same distance from several sources of the
/// batch is expanded once for all of them, so a batch costs a few searches, not 64.
struct Batch {
    seen: Vec<u64>,
    frontier: Vec<u64>,
    next: Vec<u64>,
    active: Vec<u32>,
    touched: Vec<u32>,
    /// bit-sliced counters: bit `i` of `planes[k]` is bit `k` of source `i`'s count
    planes: Vec<u64>,
}

impl Batch {
    fn new(n: usize) -> Self {
        Batch {
            seen: vec![0; n],
            frontier: vec![0; n],
            next: vec![0; n],
            active: Vec::new(),
            touched: Vec::new(),
            planes: Vec::new(),
        }
    }

    /// For each source (at most 64): nodes reached (itself included), sum of distances.
    fn distance_sums(&mut self, csr: &Csr, sources: &[usize]) -> Vec<(u64, u64)> {
        debug_assert!(sources.len() <= 64);
        self.seen.iter_mut().for_each(|x| *x = 0);
        self.active.clear();
        for (i, &s) in sources.iter().enumerate() {
            if self.frontier[s] == 0 {
                self.active.push(s as u32);
            }
            self.seen[s] |= 1 << i;
            self.frontier[s] |= 1 << i;
        }
        let mut reached = [1u64; 64];
        let mut total = [0u64; 64];
        let mut level = 0;
        while !self.active.is_empty() {
            level += 1;
            self.touched.clear();
            for &v in &self.active {
                let f = self.frontier[v as usize];
                for &w in csr.neighbours(v as usize) {
                    let slot = &mut self.next[w as usize];
                    if *slot == 0 {
                        self.touched.push(w);
                    }
                    *slot |= f;
                }
            }
            for &v in &self.active {
                self.frontier[v as usize] = 0;
            }
            self.active.clear();
            self.planes.clear();
            for &w in &self.touched {
                let w = w as usize;
                let new = self.next[w] & !self.seen[w];
                self.next[w] = 0;
                if new != 0 {
                    self.seen[w] |= new;
                    self.frontier[w] = new;
                    self.active.push(w as u32);
                    count_bits(&mut self.planes, new);
                }
            }
            for (k, plane) in self.planes.iter().enumerate() {
                let mut bits = *plane;
                while bits != 0 {
                    let i = bits.trailing_zeros() as usize;
                    reached[i] += 1 << k;
                    total[i] += level << k;
                    bits &= bits - 1;
                }
            }
        }
        (0..sources.len()).map(|i| (reached[i], total[i])).collect()
    }
}

/// Adds one to the counter of every source whose bit is set in `x` (carry-save addition
/// into bit planes).
fn count_bits(planes: &mut Vec<u64>, mut x: u64) {
    for p in planes.iter_mut() {
        let carry = *p & x;
        *p ^= x;
        x = carry;
        if x == 0 {
            return;
        }
    }
    planes.push(x);
}

/// The closeness of `nodes`, one plain breadth-first search each (the reference the
/// batched searches are tested against).
#[cfg(test)]
fn closeness_one_by_one(csr: &Csr, nodes: &[usize]) -> Vec<f64> {
    let n = csr.len();
    let mut seen = vec![u32::MAX; n];
    let mut queue = Vec::new();
    nodes
        .iter()
        .enumerate()
        .map(|(stamp, &s)| {
            let (reached, total) = bfs_distance_sum(csr, s, &mut seen, &mut queue, stamp as u32);
            closeness_value(n, reached as u64, total)
        })
        .collect()
}

/// Nodes reached from `s` (itself included) and the sum of their distances.
#[cfg(test)]
fn bfs_distance_sum(csr: &Csr, s: usize, seen: &mut [u32], queue: &mut Vec<u32>, stamp: u32) -> (usize, u64) {
    queue.clear();
    queue.push(s as u32);
    seen[s] = stamp;
    let (mut head, mut level, mut total) = (0, 0u64, 0u64);
    while head < queue.len() {
        let end = queue.len();
        level += 1;
        while head < end {
            let v = queue[head] as usize;
            head += 1;
            for &w in csr.neighbours(v) {
                let w = w as usize;
                if seen[w] != stamp {
                    seen[w] = stamp;
                    queue.push(w as u32);
                    total += level;
                }
            }
        }
    }
    (queue.len(), total)
}

/// Normalised shortest-path betweenness, unweighted (`betweenness_centrality(G)`):
/// Brandes' dependencies summed over every source, times `1 / ((n − 1)(n − 2))`.
pub fn betweenness(csr: &Csr) -> Vec<f64> {
    let n = csr.len();
    let sources: Vec<usize> = (0..n).collect();
    let mut bc = betweenness_from(csr, &sources);
    normalise(&mut bc, n, n);
    bc
}

/// The sum of Brandes' dependencies over `sources` (unnormalised, each ordered pair
/// counted once: an undirected path is counted from both ends). With a sample of `k`
/// sources, `n / k` times this estimates the sum over all sources.
pub fn betweenness_from(csr: &Csr, sources: &[usize]) -> Vec<f64> {
    let n = csr.len();
    chunked_sum(n, sources, || Brandes::new(n), |b, s, acc| b.run(csr, s, acc))
}

/// Scales raw betweenness computed from `k` of `n` sources as networkx normalises it.
pub fn normalise(bc: &mut [f64], n: usize, k: usize) {
    if n > 2 {
        let mut scale = 1.0 / ((n - 1) * (n - 2)) as f64;
        if k != n && k > 0 {
            scale *= n as f64 / k as f64;
        }
        bc.iter_mut().for_each(|b| *b *= scale);
    }
}

/// Runs `run` for every source with one state per chunk, adds each chunk's
/// contributions into its own vector and sums the vectors in chunk order.
fn chunked_sum<S, I, R>(n: usize, sources: &[usize], init: I, run: R) -> Vec<f64>
where
    I: Fn() -> S + Sync,
    R: Fn(&mut S, usize, &mut [f64]) + Sync,
{
    if sources.is_empty() {
        return vec![0.0; n];
    }
    let size = sources.len().div_ceil(CHUNKS);
    let partial: Vec<Vec<f64>> = sources
        .par_chunks(size)
        .map(|chunk| {
            let mut state = init();
            let mut acc = vec![0.0; n];
            for &s in chunk {
                run(&mut state, s, &mut acc);
            }
            acc
        })
        .collect();
    let mut total = vec![0.0; n];
    for p in partial {
        total.iter_mut().zip(p).for_each(|(t, x)| *t += x);
    }
    total
}

/// Buffers of one unweighted Brandes search, reset after each source.
struct Brandes {
    dist: Vec<u32>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    order: Vec<u32>,
}

impl Brandes {
    fn new(n: usize) -> Self {
        Brandes {
            dist: vec![u32::MAX; n],
            sigma: vec![0.0; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
        }
    }

    /// Adds the dependencies of source `s` into `bc`. Predecessors are not stored: on the
    /// way back, the predecessors of `w` are its neighbours one step closer to `s`.
    fn run(&mut self, csr: &Csr, s: usize, bc: &mut [f64]) {
        let Brandes {
            dist,
            sigma,
            delta,
            order,
        } = self;
        order.clear();
        dist[s] = 0;
        sigma[s] = 1.0;
        order.push(s as u32);
        let mut head = 0;
        while head < order.len() {
            let v = order[head] as usize;
            head += 1;
            let (dv, sv) = (dist[v], sigma[v]);
            for &w in csr.neighbours(v) {
                let w = w as usize;
                if dist[w] == u32::MAX {
                    dist[w] = dv + 1;
                    order.push(w as u32);
                }
                if dist[w] == dv + 1 {
                    sigma[w] += sv;
                }
            }
        }
        for &w in order.iter().rev() {
            let w = w as usize;
            let dw = dist[w];
            if dw == 0 {
                continue;
            }
            let coeff = (1.0 + delta[w]) / sigma[w];
            for &v in csr.neighbours(w) {
                let v = v as usize;
                if dist[v] == dw - 1 {
                    delta[v] += sigma[v] * coeff;
                }
            }
            bc[w] += delta[w];
        }
        for &v in order.iter() {
            let v = v as usize;
            dist[v] = u32::MAX;
            sigma[v] = 0.0;
            delta[v] = 0.0;
        }
    }
}

/// Normalised betweenness with edge length = 1 / weight (`betweenness_centrality(G,
/// weight=d)`): Brandes over Dijkstra, equal-length paths detected by exact float
/// equality as networkx does; edges of weight 0 (infinite length) are not paths.
pub fn weighted_betweenness(csr: &Csr) -> Vec<f64> {
    let n = csr.len();
    let sources: Vec<usize> = (0..n).collect();
    let mut bc = weighted_betweenness_from(csr, &sources);
    normalise(&mut bc, n, n);
    bc
}

/// The weighted dependencies summed over `sources` (see [`betweenness_from`]).
pub fn weighted_betweenness_from(csr: &Csr, sources: &[usize]) -> Vec<f64> {
    let n = csr.len();
    chunked_sum(n, sources, || Dijkstra::new(n), |d, s, acc| d.run(csr, s, acc))
}

/// A Dijkstra queue entry: smallest distance first, then first pushed.
#[derive(PartialEq)]
struct Entry {
    dist: f64,
    seq: usize,
    pred: usize,
    node: usize,
}

impl Eq for Entry {}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        // reversed: BinaryHeap is a max-heap
        other.dist.total_cmp(&self.dist).then_with(|| other.seq.cmp(&self.seq))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Buffers of one weighted Brandes search.
struct Dijkstra {
    sigma: Vec<f64>,
    preds: Vec<Vec<usize>>,
    dist: Vec<Option<f64>>,
    seen: Vec<Option<f64>>,
    delta: Vec<f64>,
    order: Vec<usize>,
    heap: BinaryHeap<Entry>,
}

impl Dijkstra {
    fn new(n: usize) -> Self {
        Dijkstra {
            sigma: vec![0.0; n],
            preds: vec![Vec::new(); n],
            dist: vec![None; n],
            seen: vec![None; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
            heap: BinaryHeap::new(),
        }
    }

    fn run(&mut self, csr: &Csr, s: usize, bc: &mut [f64]) {
        let Dijkstra {
            sigma,
            preds,
            dist,
            seen,
            delta,
            order,
            heap,
        } = self;
        order.clear();
        heap.clear();
        let mut seq = 0;
        sigma[s] = 1.0;
        seen[s] = Some(0.0);
        heap.push(Entry {
            dist: 0.0,
            seq,
            pred: s,
            node: s,
        });
        while let Some(Entry {
            dist: d, pred, node: v, ..
        }) = heap.pop()
        {
            if dist[v].is_some() {
                continue;
            }
            if pred != v {
                sigma[v] += sigma[pred];
            }
            order.push(v);
            dist[v] = Some(d);
            for (&w, &weight) in csr.neighbours(v).iter().zip(csr.weights(v)) {
                let w = w as usize;
                // weight 0 (or not a number): infinitely long, not a path
                if weight.partial_cmp(&0.0) != Some(Ordering::Greater) {
                    continue;
                }
                let vw = d + 1.0 / weight;
                let better = match seen[w] {
                    None => true,
                    Some(old) => vw < old,
                };
                if dist[w].is_none() && better {
                    seen[w] = Some(vw);
                    seq += 1;
                    heap.push(Entry {
                        dist: vw,
                        seq,
                        pred: v,
                        node: w,
                    });
                    sigma[w] = 0.0;
                    preds[w].clear();
                    preds[w].push(v);
                } else if seen[w] == Some(vw) {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        for &w in order.iter().rev() {
            let coeff = (1.0 + delta[w]) / sigma[w];
            for &v in &preds[w] {
                delta[v] += sigma[v] * coeff;
            }
            if w != s {
                bc[w] += delta[w];
            }
        }
        for &v in order.iter() {
            sigma[v] = 0.0;
            preds[v].clear();
            dist[v] = None;
            seen[v] = None;
            delta[v] = 0.0;
        }
    }
}

/// `out[v] = f(v, row of v)` for every node, on several threads for large networks.
fn rows(csr: &Csr, out: &mut [f64], f: impl Fn(usize, &[u32], &[f64]) -> f64 + Sync) {
    let row = |(v, o): (usize, &mut f64)| *o = f(v, csr.neighbours(v), csr.weights(v));
    if csr.len() >= PARALLEL_ROWS {
        out.par_iter_mut().enumerate().for_each(row);
    } else {
        out.iter_mut().enumerate().for_each(row);
    }
}

/// Weighted eigenvector centrality as networkx computes it: power iteration on A + I
/// from a uniform start, unit Euclidean norm, stop when the L1 change is below `n · tol`.
/// `None` when it does not converge within `max_iter` iterations.
pub fn eigenvector(csr: &Csr, max_iter: usize, tol: f64) -> Option<Vec<f64>> {
    let n = csr.len();
    if n == 0 {
        return Some(Vec::new());
    }
    let mut x = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..max_iter {
        rows(csr, &mut next, |v, nbrs, ws| {
            x[v] + nbrs.iter().zip(ws).map(|(&u, &w)| x[u as usize] * w).sum::<f64>()
        });
        let norm = next.iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm == 0.0 {
            return None;
        }
        next.iter_mut().for_each(|v| *v /= norm);
        let change: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if change < n as f64 * tol {
            return Some(x);
        }
    }
    None
}

/// Weighted PageRank with networkx semantics: the transition probability along an edge
/// is its weight over the node's strength; nodes without edges (dangling) spread their
/// rank uniformly; start and teleport vectors are uniform; iteration stops when the L1
/// change is below `n · tol`, or after `max_iter` iterations (the last iterate is
/// returned then).
pub fn pagerank(csr: &Csr, alpha: f64, max_iter: usize, tol: f64) -> Vec<f64> {
    let n = csr.len();
    if n == 0 {
        return Vec::new();
    }
    let nf = n as f64;
    let strength = csr.strengths();
    let dangling: Vec<usize> = (0..n).filter(|&i| strength[i] == 0.0).collect();
    let mut x = vec![1.0 / nf; n];
    let mut share = vec![0.0; n];
    let mut next = vec![0.0; n];
    for _ in 0..max_iter.max(1) {
        let dangling_sum: f64 = dangling.iter().map(|&i| x[i]).sum();
        for ((s, &xi), &st) in share.iter_mut().zip(&x).zip(&strength) {
            *s = if st != 0.0 { xi / st } else { 0.0 };
        }
        let base = alpha * dangling_sum / nf + (1.0 - alpha) / nf;
        rows(csr, &mut next, |_, nbrs, ws| {
            alpha * nbrs.iter().zip(ws).map(|(&u, &w)| share[u as usize] * w).sum::<f64>() + base
        });
        let err: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if err < nf * tol {
            break;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A seeded random graph with a few isolated nodes and a pendant chain.
    fn random(n: usize, m: usize, seed: u64) -> Vec<(usize, usize, f64)> {
        let mut state = seed;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let mut edges = std::collections::BTreeMap::new();
        while edges.len() < m {
            let (a, b) = (next() % (n - 3), next() % (n - 3));
            if a != b {
                edges.insert((a.min(b), a.max(b)), (next() % 5 + 1) as f64);
            }
        }
        edges.insert((n - 4, n - 3), 1.0);
        edges.into_iter().map(|((a, b), w)| (a, b, w)).collect()
    }

    #[test]
    fn csr_lists_each_neighbour_once_sorted() {
        let csr = Csr::from_edges(4, [(0, 2, 1.0), (0, 1, 2.0), (3, 3, 5.0)].into_iter());
        assert_eq!(csr.neighbours(0), &[1, 2]);
        assert_eq!(csr.weights(0), &[2.0, 1.0]);
        assert_eq!(csr.neighbours(3), &[3]);
        assert_eq!(csr.strengths(), vec![3.0, 2.0, 1.0, 5.0]);
    }

    #[test]
    fn shortest_path_measures_agree_with_rustworkx() {
        use petgraph::graph::{NodeIndex, UnGraph};
        for (n, m, seed) in [(60, 90, 1), (200, 600, 2), (150, 160, 3)] {
            let edges = random(n, m, seed);
            let csr = Csr::from_edges(n, edges.iter().copied());
            let mut g: UnGraph<(), f64> = UnGraph::new_undirected();
            for _ in 0..n {
                g.add_node(());
            }
            for &(a, b, w) in &edges {
                g.add_edge(NodeIndex::new(a), NodeIndex::new(b), w);
            }
            let want_b = rustworkx_core::centrality::betweenness_centrality(&g, false, true, usize::MAX);
            let want_c = rustworkx_core::centrality::closeness_centrality(&g, true, usize::MAX);
            for (v, (b, c)) in betweenness(&csr).iter().zip(closeness(&csr)).enumerate() {
                assert!((b - want_b[v].unwrap_or(0.0)).abs() < 1e-12, "betweenness {v}");
                assert!((c - want_c[v].unwrap_or(0.0)).abs() < 1e-12, "closeness {v}");
            }
            let want_e: Result<Option<Vec<f64>>, std::convert::Infallible> =
                rustworkx_core::centrality::eigenvector_centrality(&g, |e| Ok(*e.weight()), Some(1000), Some(1e-9));
            if let (Some(got), Ok(Some(want))) = (eigenvector(&csr, 1000, 1e-9), want_e) {
                for v in 0..n {
                    assert!((got[v] - want[v]).abs() < 1e-6, "eigenvector {v}");
                }
            }
        }
    }

    #[test]
    fn batched_searches_match_one_by_one() {
        for (n, m, seed) in [(300, 900, 5), (500, 400, 6), (70, 2000, 7)] {
            let csr = Csr::from_edges(n, random(n, m, seed).into_iter());
            let all: Vec<usize> = (0..n).collect();
            assert_eq!(closeness(&csr), closeness_one_by_one(&csr, &all));
            // a partial batch, a repeated source
            let some = [7, 3, 7, n - 1, 0];
            assert_eq!(closeness_of(&csr, &some), closeness_one_by_one(&csr, &some));
        }
    }

    #[test]
    fn betweenness_of_sampled_sources_scales_to_the_estimate() {
        let edges = random(80, 200, 4);
        let csr = Csr::from_edges(80, edges.iter().copied());
        let all: Vec<usize> = (0..80).collect();
        let mut full = betweenness_from(&csr, &all);
        normalise(&mut full, 80, 80);
        assert_eq!(full, betweenness(&csr));
        let half: Vec<usize> = (0..80).step_by(2).collect();
        let mut est = betweenness_from(&csr, &half);
        normalise(&mut est, 80, half.len());
        let (a, b): (f64, f64) = (est.iter().sum(), full.iter().sum());
        assert!((a - b).abs() / b < 0.25, "{a} vs {b}");
    }
}
