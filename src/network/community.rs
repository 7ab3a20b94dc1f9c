//! Communities: seeded Leiden (modularity) from the `leiden-rs` crate, and the
//! modularity of a partition (networkx's `community.modularity`).

use leiden_rs::{GraphDataBuilder, Leiden, LeidenConfig};
use petgraph::visit::EdgeRef;

use super::CollabNetwork;

/// One community id per node (index order). Ids are renumbered so that 0 is the
/// largest community, ties broken by the smallest node index (= IRI order); isolated
/// nodes are communities of their own. The same `seed` gives the same partition.
///
/// Falls back to one community per connected component if Leiden reports an error
/// (it should not on the graphs [`super::project()`] builds).
pub fn communities(net: &CollabNetwork, seed: u64, resolution: f64) -> Vec<usize> {
    let n = net.node_count();
    if n == 0 {
        return Vec::new();
    }
    let raw = leiden(net, seed, resolution).unwrap_or_else(|| components(net));
    renumber(&raw)
}

fn leiden(net: &CollabNetwork, seed: u64, resolution: f64) -> Option<Vec<usize>> {
    let n = net.node_count();
    let mut builder = GraphDataBuilder::new(n);
    for e in net.graph.edge_references() {
        builder
            .add_edge(e.source().index(), e.target().index(), e.weight().weight)
            .ok()?;
    }
    let data = builder.build().ok()?;
    let config = LeidenConfig {
        seed: Some(seed),
        resolution,
        ..LeidenConfig::default()
    };
    let out = Leiden::new(config).run(&data).ok()?;
    let membership = out.partition.as_slice().to_vec();
    (membership.len() == n).then_some(membership)
}

fn components(net: &CollabNetwork) -> Vec<usize> {
    let mut uf = petgraph::unionfind::UnionFind::<usize>::new(net.node_count());
    for e in net.graph.edge_references() {
        uf.union(e.source().index(), e.target().index());
    }
    uf.into_labeling()
}

/// Relabels arbitrary community labels: largest first, then by smallest member.
pub fn renumber(raw: &[usize]) -> Vec<usize> {
    use std::collections::BTreeMap;
    // label -> (size, smallest member)
    let mut stats: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for (i, &c) in raw.iter().enumerate() {
        let e = stats.entry(c).or_insert((0, i));
        e.0 += 1;
        e.1 = e.1.min(i);
    }
    let mut order: Vec<(usize, usize, usize)> = stats.into_iter().map(|(c, (size, first))| (c, size, first)).collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let new_id: BTreeMap<usize, usize> = order.iter().enumerate().map(|(k, &(c, _, _))| (c, k)).collect();
    raw.iter().map(|c| new_id.get(c).copied().unwrap_or(0)).collect()
}

/// Weighted modularity of a partition (one community id per node), as networkx's
/// `modularity(G, communities, weight="weight", resolution=γ)`:
/// Σ_c [ L_c / m − γ (d_c / 2m)² ]. 0 for a graph without edges.
pub fn modularity(net: &CollabNetwork, membership: &[usize], resolution: f64) -> f64 {
    let g = &net.graph;
    let m: f64 = g.edge_references().map(|e| e.weight().weight).sum();
    if m == 0.0 || membership.len() != g.node_count() {
        return 0.0;
    }
    let k = membership.iter().copied().max().map_or(0, |x| x + 1);
    let mut internal = vec![0.0; k];
    let mut degree = vec![0.0; k];
    for e in g.edge_references() {
        let (a, b) = (membership[e.source().index()], membership[e.target().index()]);
        let w = e.weight().weight;
        degree[a] += w;
        degree[b] += w;
        if a == b {
            internal[a] += w;
        }
    }
    (0..k)
        .map(|c| internal[c] / m - resolution * (degree[c] / (2.0 * m)).powi(2))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renumbers_by_size_then_first_member() {
        assert_eq!(renumber(&[7, 3, 3, 9, 7, 7]), vec![0, 1, 1, 2, 0, 0]);
        assert_eq!(renumber(&[5, 4]), vec![0, 1]);
    }
}
