//! Projection options and time windows through the public API.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use opgraph::model::{EntityType, PartialDate, Role};
use opgraph::network::report::windows_table;
use opgraph::network::window::trajectory;
use opgraph::network::{
    bipartite, project, windows, ActorInfo, Metric, NetworkInput, OperationRecord, ProjectionOptions, TableFormat,
};

fn actors() -> BTreeMap<String, ActorInfo> {
    let mut m = BTreeMap::new();
    for (iri, etype, parent) in [
        ("a", EntityType::Agency, None),
        ("b", EntityType::Agency, None),
        ("b-unit", EntityType::Agency, Some("b")),
        ("c", EntityType::Agency, None),
        ("d", EntityType::Country, None),
        ("e", EntityType::Country, None),
        ("x", EntityType::Person, None),
    ] {
        m.insert(
            iri.to_owned(),
            ActorInfo {
                iri: iri.to_owned(),
                label: iri.to_uppercase(),
                etype,
                country: None,
                parent: parent.map(str::to_owned),
            },
        );
    }
    m
}

fn op(iri: &str, start: PartialDate, actors: &[(&str, Role)]) -> OperationRecord {
    OperationRecord {
        iri: iri.to_owned(),
        label: iri.to_owned(),
        start: Some(start),
        end: None,
        actors: actors.iter().map(|(a, r)| ((*a).to_owned(), *r)).collect(),
    }
}

/// 2016: B is the broker (A–B, B–C). 2017: C is the hub (A–C, C–D, C–E); B's unit
/// joins D in a supported_by role.
fn input() -> NetworkInput {
    use Role::*;
    NetworkInput {
        actors: actors(),
        operations: vec![
            op("op1", PartialDate::Day(2016, 2, 1), &[("a", LedBy), ("b", Participant)]),
            op(
                "op2",
                PartialDate::YearMonth(2016, 9),
                &[("b", CoordinatedBy), ("c", Participant), ("x", Target)],
            ),
            op("op3", PartialDate::Year(2017), &[("a", Participant), ("c", LedBy)]),
            op(
                "op4",
                PartialDate::Day(2017, 6, 30),
                &[("c", LedBy), ("d", Participant)],
            ),
            op(
                "op5",
                PartialDate::Day(2017, 7, 1),
                &[("c", LedBy), ("e", Participant), ("a", Partner)],
            ),
            op(
                "op6",
                PartialDate::Day(2017, 12, 31),
                &[("b-unit", SupportedBy), ("d", Participant)],
            ),
        ],
    }
}

#[test]
fn centrality_moves_from_b_in_2016_to_c_in_2017() {
    let ws = windows(
        &input(),
        &ProjectionOptions::default(),
        "1y".parse().unwrap(),
        None,
        None,
    );
    assert_eq!(
        ws.iter().map(|w| w.label.as_str()).collect::<Vec<_>>(),
        ["2016", "2017"]
    );
    assert_eq!(ws[0].start, NaiveDate::from_ymd_opt(2016, 1, 1).unwrap());
    assert_eq!(ws[1].end, NaiveDate::from_ymd_opt(2017, 12, 31).unwrap());

    // 2016: path A–B–C, B on the only shortest path
    assert_eq!(ws[0].network.node_count(), 3);
    assert_eq!(ws[0].score("b", Metric::Betweenness), Some(1.0));
    assert_eq!(ws[0].score("c", Metric::Betweenness), Some(0.0));
    // 2017: star around C (A, D, E) plus B-unit–D: nodes A, B-unit, C, D, E
    let n17 = &ws[1].network;
    assert_eq!(n17.node_count(), 5);
    assert_eq!(n17.edge_count(), 4);
    // C: pairs through C among {A, D, E, B-unit}: A–D, A–E, D–E, A–Bu, E–Bu = 5 of 6
    let c = ws[1].score("c", Metric::Betweenness).unwrap();
    assert!((c - 5.0 / 6.0).abs() < 1e-12, "{c}");
    // D brokers B-unit: pairs Bu–C, Bu–A, Bu–E = 3 of 6
    assert!((ws[1].score("d", Metric::Betweenness).unwrap() - 0.5).abs() < 1e-12);
    assert_eq!(ws[1].score("b", Metric::Degree), None);

    let t = trajectory(&ws, "c", Metric::Degree);
    assert_eq!(t, vec![("2016".to_owned(), Some(1.0)), ("2017".to_owned(), Some(3.0))]);

    let table = windows_table(&ws, Metric::Betweenness, TableFormat::Table, Some(2));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 4, "{table}");
    assert!(
        lines[0].starts_with("betweenness") && lines[0].ends_with("2016    2017"),
        "{table}"
    );
    assert!(
        lines[2].starts_with("B ") && lines[2].ends_with("1.0000       -"),
        "{table}"
    );
    assert!(
        lines[3].starts_with("C ") && lines[3].ends_with("0.0000  0.8333"),
        "{table}"
    );
}

#[test]
fn half_year_windows_and_explicit_bounds() {
    let from = NaiveDate::from_ymd_opt(2017, 1, 1);
    let to = NaiveDate::from_ymd_opt(2017, 12, 31);
    let ws = windows(&input(), &ProjectionOptions::default(), "6m".parse().unwrap(), from, to);
    assert_eq!(ws.len(), 2);
    assert_eq!(ws[0].end, NaiveDate::from_ymd_opt(2017, 6, 30).unwrap());
    // op3 (2017 → 1 January) and op4 (30 June) in the first half; op5, op6 in the second
    let iris = |i: usize| ws[i].network.nodes().map(|n| n.iri.clone()).collect::<Vec<_>>();
    assert_eq!(iris(0), ["a", "c", "d"]);
    assert_eq!(iris(1), ["b-unit", "c", "d", "e"]);
}

#[test]
fn options_filter_roles_countries_and_fold_units() {
    let all = project(&input(), &ProjectionOptions::default());
    let names: BTreeSet<String> = all.nodes().map(|n| n.iri.clone()).collect();
    assert_eq!(
        names,
        BTreeSet::from(["a", "b", "b-unit", "c", "d", "e"].map(String::from))
    );
    // the person (target) is no actor; the partner role is not a default role
    assert!(all.edge("a", "e").is_none());

    let with_partner = ProjectionOptions {
        roles: Some(BTreeSet::from([Role::LedBy, Role::Participant, Role::Partner])),
        ..Default::default()
    };
    let net = project(&input(), &with_partner);
    assert!(net.edge("a", "e").is_some());
    // coordinated_by and supported_by left out: op2 keeps only C, op6 only D
    assert!(net.edge("b", "c").is_none());
    assert!(net.node_index("b-unit").is_none());

    let no_countries = ProjectionOptions {
        include_countries: false,
        ..Default::default()
    };
    let net = project(&input(), &no_countries);
    assert!(net.nodes().all(|n| n.etype == EntityType::Agency));
    assert!(net.node_index("b-unit").is_some());
    assert_eq!(net.graph[net.node_index("b-unit").unwrap()].operations, 1);

    let folded = ProjectionOptions {
        fold_units: true,
        ..Default::default()
    };
    let net = project(&input(), &folded);
    assert!(net.node_index("b-unit").is_none());
    let b = &net.graph[net.node_index("b").unwrap()];
    assert_eq!(b.operations, 3);
    assert_eq!(b.years, BTreeSet::from([2016, 2017]));
    assert_eq!(net.edge("b", "d").unwrap().operations, ["op6"]);

    let g = bipartite(&input(), &folded);
    let actors = g
        .node_weights()
        .filter(|n| matches!(n, opgraph::network::BipartiteNode::Actor { .. }))
        .count();
    assert_eq!(actors, 5);
    assert_eq!(g.node_count(), 5 + 6);
    assert_eq!(g.edge_count(), 2 + 2 + 2 + 2 + 2 + 2);
}
