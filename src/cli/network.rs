//! `centrality`, `network`, `export`: the collaboration network and the exports.

use std::io::{IsTerminal, Write};

use anyhow::{bail, Context, Result};

use opgraph::analysis::{self, ScoreRecord};
use opgraph::export;
use opgraph::model::PartialDate;
use opgraph::network::{self, CentralityParams, ProjectionOptions, TableFormat, TableOptions};

use super::commands::open_read;
use super::{CentralityArgs, ExportArgs, Global, NetFilter, NetworkArgs};

fn day(s: &Option<String>, what: &str) -> Result<Option<chrono::NaiveDate>> {
    match s {
        None => Ok(None),
        Some(s) => PartialDate::parse(s)
            .and_then(|d| d.first_day())
            .map(Some)
            .with_context(|| format!("--{what} takes YYYY, YYYY-MM or YYYY-MM-DD, got {s:?}")),
    }
}

pub(super) fn projection(f: &NetFilter) -> Result<ProjectionOptions> {
    Ok(ProjectionOptions {
        roles: (!f.roles.is_empty()).then(|| f.roles.iter().copied().collect()),
        include_countries: !f.no_countries,
        fold_units: f.fold_units,
        from: day(&f.from, "from")?,
        to: day(&f.to, "to")?,
    })
}

fn table_format(f: Option<TableFormat>) -> TableFormat {
    f.unwrap_or(if std::io::stdout().is_terminal() {
        TableFormat::Table
    } else {
        TableFormat::Csv
    })
}

pub(super) fn centrality(g: &Global, a: CentralityArgs) -> Result<u8> {
    let store = open_read(g)?;
    let input = analysis::network_input(&store)?;
    let opts = projection(&a.filter)?;
    let params = CentralityParams {
        seed: a.seed,
        ..CentralityParams::default()
    };
    let format = table_format(a.format);
    let mut out = std::io::stdout().lock();
    let mut records = Vec::new();
    if let Some(w) = a.window {
        let results = network::window::windows_with(&input, &opts, w, opts.from, opts.to, &params);
        write!(
            out,
            "{}",
            network::report::windows_table(&results, a.metric, format, a.top)
        )?;
        for r in &results {
            let span = (date_of(r.start), date_of(r.end));
            for s in &r.scores {
                for m in network::Metric::ALL {
                    records.push(ScoreRecord {
                        actor: s.iri.clone(),
                        metric: m.as_str().into(),
                        value: m.value(s),
                        window: Some(span),
                    });
                }
            }
        }
    } else {
        let net = network::project(&input, &opts);
        let scores = network::centrality(&net, &params);
        let table = network::scores_table_with(
            &scores,
            format,
            &TableOptions {
                sort_by: Some(a.metric),
                top: a.top,
            },
        );
        write!(out, "{table}")?;
        for s in &scores {
            for m in network::Metric::ALL {
                records.push(ScoreRecord {
                    actor: s.iri.clone(),
                    metric: m.as_str().into(),
                    value: m.value(s),
                    window: None,
                });
            }
            records.push(ScoreRecord {
                actor: s.iri.clone(),
                metric: "community".into(),
                value: s.community as f64,
                window: None,
            });
        }
    }
    if a.save {
        drop(store);
        let store = super::commands::open_write(g)?;
        let params = serde_json::json!({
            "roles": a.filter.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            "countries": !a.filter.no_countries, "fold_units": a.filter.fold_units,
            "from": a.filter.from, "to": a.filter.to, "window": a.window.map(|w| format!("{w:?}")),
            "seed": a.seed,
        });
        let n = analysis::save_scores(&store, &records, &params.to_string(), &opgraph::pipeline::now_rfc3339())?;
        if !g.quiet {
            eprintln!("saved {n} scores into the store (query them with `opgraph query centrality`)");
        }
    }
    Ok(0)
}

fn date_of(d: chrono::NaiveDate) -> PartialDate {
    use chrono::Datelike;
    PartialDate::Day(d.year(), d.month(), d.day())
}

pub(super) fn network(g: &Global, a: NetworkArgs) -> Result<u8> {
    let store = open_read(g)?;
    let input = analysis::network_input(&store)?;
    let net = network::project(&input, &projection(&a.filter)?);
    let mut out = std::io::stdout().lock();
    match table_format(a.format) {
        TableFormat::Json => {
            let scores = network::centrality(&net, &CentralityParams::default());
            export::table::write_json(&net, &scores, &mut out)?;
        }
        TableFormat::Csv => export::table::write_edges_csv(&net, &mut out)?,
        TableFormat::Table => {
            let mut rows = Vec::new();
            for e in net.graph.edge_indices() {
                let (Some((s, t)), Some(w)) = (net.graph.edge_endpoints(e), net.graph.edge_weight(e)) else {
                    continue;
                };
                rows.push(vec![
                    net.graph[s].label.clone(),
                    net.graph[t].label.clone(),
                    format!("{}", w.weight),
                    w.years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(" "),
                ]);
            }
            rows.sort_by(|a, b| {
                b[2].parse::<f64>()
                    .unwrap_or(0.0)
                    .total_cmp(&a[2].parse::<f64>().unwrap_or(0.0))
                    .then(a.cmp(b))
            });
            opgraph::output::write_table(
                &[
                    "actor".into(),
                    "actor".into(),
                    "shared operations".into(),
                    "years".into(),
                ],
                &rows,
                &mut out,
            )?;
            writeln!(out, "{} actors, {} edges", net.node_count(), net.edge_count())?;
        }
    }
    Ok(0)
}

pub(super) fn export(g: &Global, a: ExportArgs) -> Result<u8> {
    let store = open_read(g)?;
    let fmt = a.format.to_ascii_lowercase();
    if let Ok(rdf) = fmt.parse::<export::rdf::RdfExport>() {
        let graph = match &a.graph {
            Some(iri) => {
                Some(oxigraph::model::NamedNode::new(iri.trim_matches(['<', '>'])).context("--graph takes an IRI")?)
            }
            None => None,
        };
        let mut out = writer(a.output.as_deref())?;
        let n = export::rdf::export(&store, rdf, graph.as_ref(), &mut out)?;
        out.flush()?;
        if !g.quiet {
            eprintln!(
                "wrote {n} {}",
                if matches!(
                    rdf,
                    export::rdf::RdfExport::NQuads | export::rdf::RdfExport::TriG | export::rdf::RdfExport::JsonLd
                ) {
                    "quads"
                } else {
                    "triples"
                }
            );
        }
        return Ok(0);
    }
    let input = analysis::network_input(&store)?;
    let net = network::project(&input, &projection(&a.filter)?);
    let scores = network::centrality(&net, &CentralityParams::default());
    let svg_opts = export::svg::SvgOptions {
        size_by: a.size_by,
        color_by: a.color_by,
        top_labels: a.labels,
        ..Default::default()
    };
    match fmt.as_str() {
        "graphml" => {
            let mut out = writer(a.output.as_deref())?;
            export::graphml::write(&net, &scores, &mut out)?;
            out.flush()?;
        }
        "gexf" => {
            let mut out = writer(a.output.as_deref())?;
            let opts = export::gexf::GexfOptions { size_by: a.size_by, color_by: a.color_by, ..Default::default() };
            export::gexf::write_with(&net, &scores, &opts, &mut out)?;
            out.flush()?;
        }
        "json" => {
            let mut out = writer(a.output.as_deref())?;
            export::table::write_json(&net, &scores, &mut out)?;
            out.flush()?;
        }
        "svg" => {
            let mut out = writer(a.output.as_deref())?;
            export::svg::write(&net, &scores, &svg_opts, &mut out)?;
            out.flush()?;
        }
        "png" => {
            let Some(path) = &a.output else { bail!("--format png needs -o FILE") };
            let mut out = std::io::BufWriter::new(std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?);
            export::svg::write_png(&net, &scores, &svg_opts, &mut out)?;
            out.flush()?;
        }
        "csv" => {
            let Some(dir) = &a.output else { bail!("--format csv needs -o DIR (it writes nodes.csv and edges.csv)") };
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            let mut nodes = std::io::BufWriter::new(std::fs::File::create(dir.join("nodes.csv"))?);
            export::table::write_nodes_csv(&net, &scores, &mut nodes)?;
            nodes.flush()?;
            let mut edges = std::io::BufWriter::new(std::fs::File::create(dir.join("edges.csv"))?);
            export::table::write_edges_csv(&net, &mut edges)?;
            edges.flush()?;
        }
        other => bail!("unknown export format {other:?} (turtle, ntriples, nquads, trig, jsonld, graphml, gexf, csv, json, svg, png)"),
    }
    if !g.quiet {
        eprintln!("network: {} actors, {} edges", net.node_count(), net.edge_count());
    }
    Ok(0)
}

fn writer(path: Option<&std::path::Path>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) if p.as_os_str() != "-" => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        _ => Box::new(std::io::BufWriter::new(std::io::stdout())),
    })
}
