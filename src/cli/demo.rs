//! `opgraph demo`: build the bundled sample corpus and show what the graph holds.

use std::io::Write;

use anyhow::{Context, Result};

use opgraph::output;
use opgraph::pipeline::{self, BuildOptions};
use opgraph::queries;

use super::commands::{extractor, open_write, print_summary};
use super::{DemoArgs, Global};

/// The sample reports, embedded so the demo runs from any directory.
const SAMPLES: &[(&str, &str)] = &[
    (
        "01-amaq-app-2016.txt",
        include_str!("../../samples/01-amaq-app-2016.txt"),
    ),
    (
        "02-guardia-civil-2017.txt",
        include_str!("../../samples/02-guardia-civil-2017.txt"),
    ),
    (
        "03-takedown-2018-en.txt",
        include_str!("../../samples/03-takedown-2018-en.txt"),
    ),
    (
        "04-actie-2019-nl.txt",
        include_str!("../../samples/04-actie-2019-nl.txt"),
    ),
    (
        "05-action-2019-fr.txt",
        include_str!("../../samples/05-action-2019-fr.txt"),
    ),
    (
        "06-aktion-2019-de.txt",
        include_str!("../../samples/06-aktion-2019-de.txt"),
    ),
    ("sources.json", include_str!("../../samples/sources.json")),
];

fn section(out: &mut impl Write, title: &str) -> std::io::Result<()> {
    writeln!(out, "\n== {title}")
}

fn canned(store: &opgraph::store::GraphStore, name: &str, rows: usize, out: &mut impl Write) -> Result<()> {
    let q = queries::find(name)?;
    let text = format!("{}\nLIMIT {rows}", q.sparql.trim_end());
    let results = store.query(&text)?;
    output::write_results(results, output::Format::Table, out)?;
    Ok(())
}

pub fn run(g: &Global, a: DemoArgs) -> Result<u8> {
    let dir = std::env::temp_dir().join(format!("opgraph-samples-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    for (name, text) in SAMPLES {
        std::fs::write(dir.join(name), text).with_context(|| format!("writing sample {name}"))?;
    }
    let (extractor, _) = extractor(&[])?;
    let store = open_write(g)?;
    let summary = pipeline::build(&store, &extractor, std::slice::from_ref(&dir), &BuildOptions::default());
    let _ = std::fs::remove_dir_all(&dir);
    let summary = summary?;
    print_summary(&summary, g.quiet);

    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Built {} from {} bundled sample reports.",
        g.store.display(),
        SAMPLES.len() - 1
    )?;
    section(&mut out, "Operations on a timeline (queries/operations.rq)")?;
    canned(&store, "operations", a.rows, &mut out)?;
    section(&mut out, "Most connected actors (queries/agencies-by-operations.rq)")?;
    canned(&store, "agencies-by-operations", a.rows, &mut out)?;
    section(&mut out, "Evidence behind the facts (queries/evidence.rq)")?;
    canned(&store, "evidence", a.rows, &mut out)?;
    section(&mut out, "Where reports disagree (queries/disagreements.rq)")?;
    canned(&store, "disagreements", a.rows, &mut out)?;
    writeln!(
        out,
        "\nMore: `opgraph query --list` names every canned query; `opgraph query operations --store {0} --format json`,\n\
         `opgraph digest --store {0}`, `opgraph serve --store {0}` (SPARQL endpoint and browser page).",
        g.store.display()
    )?;
    Ok(summary.exit_code() as u8)
}
