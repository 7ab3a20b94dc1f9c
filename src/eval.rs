//! Scoring a digest against a gold file, with the rules of `../shared/gold/SCHEMA.md`
//! (the same figures as the reference `score.py`; a test checks they agree).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::digest::{Digest, DigestOperation};

/// The entity types scored in the headline entity figure.
pub const CORE: [&str; 6] = ["Agency", "Country", "Group", "Outlet", "Company", "Person"];
/// All types, for the per-type rows.
pub const TYPES: [&str; 8] = [
    "Agency",
    "Country",
    "Group",
    "Outlet",
    "Company",
    "Person",
    "Place",
    "Organization",
];

/// Precision, recall, F1 with their counts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
    pub tp: usize,
    pub pred: usize,
    pub gold: usize,
}

fn round4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

impl Prf {
    pub fn new(tp: usize, npred: usize, ngold: usize) -> Prf {
        let p = if npred > 0 {
            tp as f64 / npred as f64
        } else if ngold == 0 {
            1.0
        } else {
            0.0
        };
        let r = if ngold > 0 { tp as f64 / ngold as f64 } else { 1.0 };
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        Prf {
            p: round4(p),
            r: round4(r),
            f1: round4(f),
            tp,
            pred: npred,
            gold: ngold,
        }
    }
}

/// Date accuracy over aligned gold operations with a start date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateScore {
    pub correct: usize,
    pub of: usize,
    pub accuracy: Option<f64>,
}

/// Every figure of the scoring rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    pub entities: Prf,
    pub entities_by_type: BTreeMap<String, Prf>,
    pub entity_mentions: Prf,
    pub operations: Prf,
    pub role_facts: Prf,
    pub role_facts_by_role: BTreeMap<String, Prf>,
    pub dates: DateScore,
    pub counts: Prf,
    pub operation_mentions: Prf,
}

/// Names are compared after this normalisation (NFKD, marks removed, lower case,
/// non-alphanumerics to one space, a leading "the " removed).
pub fn norm(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = name
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase();
    let mut out = String::with_capacity(folded.len());
    let mut space = false;
    for c in folded.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

/// One-to-one entity matching: same type, best normalised-name overlap first.
pub fn match_entities(gold: &Digest, pred: &Digest) -> HashMap<String, String> {
    let gnames: BTreeMap<&String, BTreeSet<String>> = gold
        .entities
        .iter()
        .map(|(g, e)| (g, e.names.iter().map(|n| norm(n)).filter(|n| !n.is_empty()).collect()))
        .collect();
    let mut pairs: Vec<(i64, &String, &String)> = Vec::new();
    for (p, pe) in &pred.entities {
        let pn: BTreeSet<String> = pe.names.iter().map(|n| norm(n)).filter(|n| !n.is_empty()).collect();
        for (g, ge) in &gold.entities {
            if ge.etype != pe.etype {
                continue;
            }
            let k = pn.intersection(&gnames[g]).count() as i64;
            if k > 0 {
                pairs.push((-k, p, g));
            }
        }
    }
    pairs.sort();
    let mut out = HashMap::new();
    let mut used = BTreeSet::new();
    for (_, p, g) in pairs {
        if !out.contains_key(p) && !used.contains(g) {
            out.insert(p.clone(), g.clone());
            used.insert(g.clone());
        }
    }
    out
}

fn date_agrees(gold: Option<&str>, pred: Option<&str>) -> bool {
    match (gold, pred) {
        (Some(g), Some(p)) if !g.is_empty() && !p.is_empty() => p.starts_with(g),
        _ => false,
    }
}

fn role_facts(op: &DigestOperation, emap: Option<&HashMap<String, String>>) -> BTreeSet<(String, String)> {
    let mut facts = BTreeSet::new();
    for (role, ents) in &op.roles {
        for e in ents {
            let e = match emap {
                Some(m) => match m.get(e) {
                    Some(g) => g.clone(),
                    None => continue,
                },
                None => e.clone(),
            };
            facts.insert((role.clone(), e));
        }
    }
    facts
}

/// A fact key where an unaligned prediction is told apart from every gold key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum OpKey {
    Gold(String),
    Unaligned(String),
}

fn count_key(v: &serde_json::Number) -> String {
    let f = v.as_f64().unwrap_or(f64::NAN);
    format!("{f}")
}

/// Scores a digest against gold.
pub fn score(gold: &Digest, digest: &Digest) -> Scores {
    let (ge, pe) = (&gold.entities, &digest.entities);
    let emap = match_entities(gold, digest);
    let is_core = |t: &str| CORE.contains(&t);
    let core_pred: Vec<&String> = pe.iter().filter(|(_, e)| is_core(&e.etype)).map(|(k, _)| k).collect();
    let core_gold: Vec<&String> = ge.iter().filter(|(_, e)| is_core(&e.etype)).map(|(k, _)| k).collect();
    let tp = core_pred.iter().filter(|p| emap.contains_key(**p)).count();
    let entities = Prf::new(tp, core_pred.len(), core_gold.len());
    let mut entities_by_type = BTreeMap::new();
    for t in TYPES {
        let pt: Vec<&String> = pe.iter().filter(|(_, e)| e.etype == t).map(|(k, _)| k).collect();
        let gt = ge.values().filter(|e| e.etype == t).count();
        let tp = pt.iter().filter(|p| emap.contains_key(**p)).count();
        entities_by_type.insert(t.to_string(), Prf::new(tp, pt.len(), gt));
    }
    // Entity mentions.
    let pm: BTreeSet<(String, String)> = core_pred
        .iter()
        .filter_map(|p| emap.get(*p).map(|g| (g, &pe[*p])))
        .flat_map(|(g, e)| e.reports.iter().map(move |r| (g.clone(), r.clone())))
        .collect();
    let matched_gold: BTreeSet<&String> = core_pred.iter().filter_map(|p| emap.get(*p)).collect();
    let gm: BTreeSet<(String, String)> = core_gold
        .iter()
        .filter(|g| matched_gold.contains(*g))
        .flat_map(|g| ge[*g].reports.iter().map(move |r| ((*g).clone(), r.clone())))
        .collect();
    let entity_mentions = Prf::new(pm.intersection(&gm).count(), pm.len(), gm.len());

    // Operation alignment.
    let (go, po) = (&gold.operations, &digest.operations);
    let mut cand: Vec<(i64, &String, &String)> = Vec::new();
    for (p, pop) in po {
        let pf = role_facts(pop, Some(&emap));
        let preps: BTreeSet<&String> = pop.reports.iter().collect();
        for (g, gop) in go {
            let mut k = pf.intersection(&role_facts(gop, None)).count() as i64;
            if date_agrees(gop.start.as_deref(), pop.start.as_deref()) {
                k += 1;
            }
            k += gop.reports.iter().filter(|r| preps.contains(r)).count() as i64;
            if k > 0 {
                cand.push((-k, p, g));
            }
        }
    }
    cand.sort();
    let mut omap: HashMap<String, String> = HashMap::new();
    let mut used = BTreeSet::new();
    for (_, p, g) in cand {
        if !omap.contains_key(p) && !used.contains(g) {
            omap.insert(p.clone(), g.clone());
            used.insert(g.clone());
        }
    }
    let operations = Prf::new(omap.len(), po.len(), go.len());
    let key = |p: &String| match omap.get(p) {
        Some(g) => OpKey::Gold(g.clone()),
        None => OpKey::Unaligned(p.clone()),
    };

    // Role facts.
    let mut pfacts: BTreeSet<(OpKey, String, String)> = BTreeSet::new();
    for (p, pop) in po {
        for (role, e) in role_facts(pop, Some(&emap)) {
            pfacts.insert((key(p), role, e));
        }
        for (role, xs) in &pop.roles {
            for x in xs {
                if !emap.contains_key(x) {
                    pfacts.insert((key(p), role.clone(), format!("\u{0}unmatched:{x}")));
                }
            }
        }
    }
    let gfacts: BTreeSet<(OpKey, String, String)> = go
        .iter()
        .flat_map(|(g, gop)| {
            role_facts(gop, None)
                .into_iter()
                .map(move |(r, e)| (OpKey::Gold(g.clone()), r, e))
        })
        .collect();
    let role_facts_prf = Prf::new(pfacts.intersection(&gfacts).count(), pfacts.len(), gfacts.len());
    let roles: BTreeSet<&String> = gfacts.iter().chain(pfacts.iter()).map(|f| &f.1).collect();
    let mut role_facts_by_role = BTreeMap::new();
    for role in roles {
        let pr: BTreeSet<_> = pfacts.iter().filter(|f| &f.1 == role).collect();
        let gr: BTreeSet<_> = gfacts.iter().filter(|f| &f.1 == role).collect();
        role_facts_by_role.insert(role.clone(), Prf::new(pr.intersection(&gr).count(), pr.len(), gr.len()));
    }

    // Dates.
    let inv: HashMap<&String, &String> = omap.iter().map(|(p, g)| (g, p)).collect();
    let dated: Vec<&String> = go
        .iter()
        .filter(|(g, gop)| gop.start.as_deref().is_some_and(|s| !s.is_empty()) && inv.contains_key(g))
        .map(|(g, _)| g)
        .collect();
    let ok = dated
        .iter()
        .filter(|g| date_agrees(go[**g].start.as_deref(), po[inv[*g]].start.as_deref()))
        .count();
    let dates = DateScore {
        correct: ok,
        of: dated.len(),
        accuracy: (!dated.is_empty()).then(|| round4(ok as f64 / dated.len() as f64)),
    };

    // Counts.
    let pc: BTreeSet<(OpKey, String)> = po
        .iter()
        .flat_map(|(p, pop)| pop.counts.iter().map(move |c| (p, count_key(&c.value))))
        .map(|(p, v)| (key(p), v))
        .collect();
    let gc: BTreeSet<(OpKey, String)> = go
        .iter()
        .flat_map(|(g, gop)| {
            gop.counts
                .iter()
                .map(move |c| (OpKey::Gold(g.clone()), count_key(&c.value)))
        })
        .collect();
    let counts = Prf::new(pc.intersection(&gc).count(), pc.len(), gc.len());

    // Operation mentions.
    let pom: BTreeSet<(OpKey, String)> = po
        .iter()
        .flat_map(|(p, pop)| pop.reports.iter().map(move |r| (p, r.clone())))
        .map(|(p, r)| (key(p), r))
        .collect();
    let gom: BTreeSet<(OpKey, String)> = go
        .iter()
        .flat_map(|(g, gop)| gop.reports.iter().map(move |r| (OpKey::Gold(g.clone()), r.clone())))
        .collect();
    let operation_mentions = Prf::new(pom.intersection(&gom).count(), pom.len(), gom.len());

    Scores {
        entities,
        entities_by_type,
        entity_mentions,
        operations,
        role_facts: role_facts_prf,
        role_facts_by_role,
        dates,
        counts,
        operation_mentions,
    }
}

impl Scores {
    /// The human-readable report, in the layout of `score.py`.
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let line = |out: &mut String, k: &str, v: &Prf| {
            let _ = writeln!(
                out,
                "{k:22} P {:.3} R {:.3} F1 {:.3}  ({}/{} pred, {} gold)",
                v.p, v.r, v.f1, v.tp, v.pred, v.gold
            );
        };
        line(&mut out, "entities", &self.entities);
        for (t, v) in &self.entities_by_type {
            line(&mut out, &format!("entities.{t}"), v);
        }
        line(&mut out, "entity_mentions", &self.entity_mentions);
        line(&mut out, "operations", &self.operations);
        line(&mut out, "role_facts", &self.role_facts);
        for (role, x) in &self.role_facts_by_role {
            let _ = writeln!(
                out,
                "  role {role:15} P {:.3} R {:.3} F1 {:.3}  ({}/{} pred, {} gold)",
                x.p, x.r, x.f1, x.tp, x.pred, x.gold
            );
        }
        let _ = writeln!(
            out,
            "{:22} {}/{} correct{}",
            "dates",
            self.dates.correct,
            self.dates.of,
            self.dates.accuracy.map(|a| format!(" ({a:.3})")).unwrap_or_default()
        );
        line(&mut out, "counts", &self.counts);
        line(&mut out, "operation_mentions", &self.operation_mentions);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalise_like_the_reference() {
        assert_eq!(norm("The Hague"), "hague");
        assert_eq!(norm("Policía  Nacional!"), "policia nacional");
        assert_eq!(norm("België"), "belgie");
        assert_eq!(norm("U.S."), "u s");
        assert_eq!(norm("---"), "");
    }

    #[test]
    fn perfect_digest_scores_one() {
        let gold = Digest::from_json(
            r#"{"corpus":"x","entities":{"a":{"type":"Agency","names":["Europol"],"reports":["r1"]},
                "g":{"type":"Group","names":["IS"],"reports":["r1"]}},
              "operations":{"o":{"start":"2019-11","end":null,"reports":["r1"],
                "roles":{"led_by":["a"],"target":["g"]},"counts":[{"value":26000,"unit":"item","qualifier":"more than"}]}}}"#,
        )
        .unwrap();
        let s = score(&gold, &gold);
        assert_eq!(s.entities.f1, 1.0);
        assert_eq!(s.role_facts.f1, 1.0);
        assert_eq!(s.dates.correct, 1);
        assert_eq!(s.counts.f1, 1.0);
        let mut worse = gold.clone();
        worse.operations.get_mut("o").unwrap().start = Some("2019".into());
        worse
            .operations
            .get_mut("o")
            .unwrap()
            .roles
            .insert("partner".into(), vec!["zz".into()]);
        let s = score(&gold, &worse);
        assert_eq!(s.dates.correct, 0);
        assert_eq!(s.role_facts.tp, 2);
        assert_eq!(s.role_facts.pred, 3);
    }
}
