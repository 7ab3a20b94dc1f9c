//! Extraction: a [`Report`] becomes an [`Extraction`] — entities with their mentions,
//! operations with roles, dates and counts, each fact with its evidence.
//!
//! Stages (each its own module): sentences ([`crate::input::segment`]) → mentions
//! ([`mentions`]: gazetteer, then patterns) → entities (mentions grouped by key) →
//! operations ([`operations`]: triggers, dates ([`dates`]), role cues ([`cues`]),
//! counts ([`numbers`])).

/// A [`regex::Regex`] compiled on first use and kept for the process:
/// `static_regex!(r"...")` or `static_regex!(format!(...))` is a `&'static Regex`. The
/// patterns are the source's own, so one that does not compile is a bug the first test
/// reaching it shows.
macro_rules! static_regex {
    ($pattern:expr) => {{
        static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        RE.get_or_init(|| regex::Regex::new(&$pattern).expect("static regex"))
    }};
}

pub mod abbrev;
pub mod codenames;
pub mod cues;
pub mod dates;
pub mod mentions;
pub mod numbers;
pub mod operations;
pub mod wordre;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::gazetteer::Gazetteer;
use crate::input::segment;
use crate::model::{ExtractedEntity, Extraction, Lang, Mention, PartialDate, Report, Span};

/// The extractor: holds the gazetteer (shared, read-only) and is cheap to clone across threads.
#[derive(Clone)]
pub struct Extractor {
    gazetteer: Arc<Gazetteer>,
}

impl Extractor {
    pub fn new(gazetteer: Arc<Gazetteer>) -> Extractor {
        Extractor { gazetteer }
    }

    /// An extractor over the built-in gazetteer.
    pub fn builtin() -> crate::Result<Extractor> {
        Ok(Extractor::new(crate::gazetteer::shared()?))
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Extracts everything from one report.
    pub fn extract(&self, report: Report) -> Extraction {
        let text = report.text.as_str();
        let sentences = segment::sentences(text);
        let paragraphs = segment::paragraphs(text);
        let mut warnings = Vec::new();
        if report.language == Lang::Other {
            warnings.push(format!(
                "{}: language not among en/nl/fr/de/es; only language-neutral extraction (gazetteer names, dates, numbers)",
                report.id
            ));
        }
        let dateline = dateline_date(text, &sentences, report.language, report.published);
        let anchor = report.published.or(dateline.map(|(d, _)| d));
        let raw = mentions::find_mentions(text, &sentences, &self.gazetteer, report.language);
        let sentence_of = |span: Span| sentences.partition_point(|s| s.end <= span.start);

        // Entities: mentions grouped by key, in order of first mention.
        let mut order: Vec<String> = Vec::new();
        let mut by_key: BTreeMap<String, ExtractedEntity> = BTreeMap::new();
        for m in &raw {
            let e = by_key.entry(m.key.clone()).or_insert_with(|| {
                order.push(m.key.clone());
                ExtractedEntity {
                    key: m.key.clone(),
                    etype: m.etype,
                    label: m.label.clone(),
                    from_gazetteer: m.from_gazetteer,
                    mentions: Vec::new(),
                }
            });
            if !m.from_gazetteer && m.label.len() > e.label.len() {
                e.label = m.label.clone();
            }
            e.mentions.push(Mention {
                span: m.span,
                surface: m.span.slice(text).to_string(),
                sentence: sentence_of(m.span),
                rule: m.rule.clone(),
                confidence: m.confidence,
            });
        }
        let entities: Vec<ExtractedEntity> = order.into_iter().filter_map(|k| by_key.remove(&k)).collect();

        let cx = operations::Context {
            text,
            sentences: &sentences,
            paragraphs: &paragraphs,
            lang: report.language,
            anchor,
            mentions: &raw,
            dateline: dateline.map(|(_, span)| span),
        };
        let operations = operations::extract_operations(&cx);
        Extraction {
            report,
            sentences,
            entities,
            operations,
            warnings,
        }
    }
}

/// The text ending at byte `at`, about `max` bytes long: it starts at the char boundary
/// at or before `at - max`, so that a multi-byte char ("é", "à") there does not empty it
/// (slicing off a boundary gives nothing).
pub(crate) fn text_before(text: &str, at: usize, max: usize) -> &str {
    let mut from = at.saturating_sub(max);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    text.get(from..at).unwrap_or("")
}

/// How much of a line is read for a dateline's date: it opens the line within 30 bytes
/// and runs some 50 at most ("between 21 and 24 November 2019").
const DATELINE_SCAN: usize = 120;

/// The words of `line` within its first `max` bytes (all of it when shorter): cut at the
/// last white space before the bound, so that no word is cut in two.
fn line_prefix(line: &str, max: usize) -> &str {
    if line.len() <= max {
        return line;
    }
    let mut end = max;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let head = line.get(..end).unwrap_or(line);
    head.rfind(char::is_whitespace)
        .and_then(|i| head.get(..i))
        .unwrap_or(head)
}

/// A date standing alone near the top of the text ("April 27, 2018", "25/11/2019,
/// BRUSSEL. -"): the publication date when the metadata gives none. Returns the date
/// and its span; the span is never an operation's date.
pub fn dateline_date(
    text: &str,
    sentences: &[Span],
    lang: Lang,
    published: Option<PartialDate>,
) -> Option<(PartialDate, Span)> {
    let head_end = sentences.get(12).map_or(text.len(), |s| s.start).min(1500);
    let head = text.get(..head_end)?;
    let mut offset = 0;
    for line in head.split_inclusive('\n').take(15) {
        let line_start = offset;
        offset += line.len();
        let line_t = line.trim();
        let lead = line.len() - line.trim_start().len();
        // A dateline gives its day in figures.
        if !line_t.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        // The date stands alone on a short line or opens the line within 30 bytes (see
        // `opens`): the first words of a long line are enough to read it.
        let scan = line_prefix(line_t, DATELINE_SCAN);
        // With a publication date, a dateline without its year ("BRUXELLES, 27 avril
        // (Belga) -") is still found, so that it dates no operation.
        for d in dates::find_dates(scan, lang, published) {
            let Some(PartialDate::Day(..)) = d.start else { continue };
            let rest = format!("{}{}", &line_t[..d.span.start], &line_t[d.span.end..]);
            let letters = rest.chars().filter(|c| c.is_alphabetic()).count();
            // The date is the whole line, or opens it as a dateline ("25/11/2019, BRUSSEL. -").
            let alone = letters <= 12 && line_t.len() <= 80;
            let head = &line_t[..d.span.start];
            let place_first = head.len() <= 30
                && head.trim_end().ends_with(',')
                && !head.chars().any(|c| c.is_ascii_digit())
                && head.split_whitespace().count() <= 4;
            // A date that opens a sentence of the story ("3 October 2015, police took
            // down ...") is no dateline: after it comes a place in capitals
            // ("25/11/2019, BRUSSEL. -") or little else.
            let rest = line_t[d.span.end..].trim_start_matches([',', ' ', '-', '–', '—', '.']);
            let place_after = rest.split_whitespace().next().is_some_and(|w| {
                w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
            });
            // After a place, a date that ends its sentence or stands before a dash opens
            // the story ("Wiesbaden, 21. Februar 2024. Das BKA hat ...", "Den Haag, 12
            // april 2024 - De politie ...", "The Hague, 21 June 2023 | ..."); a comma would
            // go on with the story.
            // A news agency's tag may stand before the dash ("27 avril (Belga) -").
            let after = line_t[d.span.end..].trim_start_matches(' ');
            let after = after
                .strip_prefix('(')
                .and_then(|a| a.split_once(')'))
                .filter(|(tag, _)| tag.len() <= 30 && tag.chars().all(|c| c.is_alphanumeric() || c == ' '))
                .map_or(after, |(_, rest)| rest.trim_start_matches(' '));
            let breaks = after.starts_with(['.', '-', '–', '—', '|']);
            let opens = (d.span.start == 0 || place_first)
                && line_t[d.span.end..].starts_with([',', ' ', '-', '–', '—', '.'])
                && (place_after || line_t.len() <= 60 || (place_first && breaks));
            // A publication date is one day, not a span.
            if d.end.is_none() && (alone || opens) {
                let at = line_start + lead;
                return d.start.map(|x| (x, Span::new(at + d.span.start, at + d.span.end)));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::report_from_str;
    use crate::model::{ExtractedOperation, Qualifier, Role};

    fn operations(text: &str, published: Option<&str>) -> Vec<ExtractedOperation> {
        let ex = Extractor::builtin().expect("extractor");
        let published = published.and_then(PartialDate::parse);
        ex.extract(report_from_str("t", text, Some(Lang::En), published))
            .operations
    }

    /// The entities the operations of `text` give `role`.
    fn with_role(text: &str, lang: Lang, role: Role) -> Vec<String> {
        let ex = Extractor::builtin().expect("extractor");
        ex.extract(report_from_str("t", text, Some(lang), None))
            .operations
            .iter()
            .flat_map(|o| &o.roles)
            .filter(|r| r.role == role)
            .map(|r| r.entity.clone())
            .collect()
    }

    fn has(entities: &[String], suffix: &str) -> bool {
        entities.iter().any(|e| e.ends_with(suffix))
    }

    /// `text` gives `role` to an entity whose IRI contains each of `slugs`.
    fn assert_gives(role: Role, lang: Lang, text: &str, slugs: &[&str]) {
        let found = with_role(text, lang, role);
        for slug in slugs {
            assert!(
                found.iter().any(|e| e.contains(slug)),
                "{text}: {slug} not in {found:?}"
            );
        }
    }

    /// `text` gives `role` to no entity.
    fn assert_gives_none(role: Role, lang: Lang, text: &str) {
        let found = with_role(text, lang, role);
        assert!(found.is_empty(), "{text}: {found:?}");
    }

    /// A service seized is the target, named after its kind and in quotes; an agent after
    /// a day or a month still leads.
    #[test]
    fn a_seized_service_is_the_target_and_a_dated_agent_leads() {
        let text = "The ministry announced the seizure of the dark web marketplace \"Vexmoor Vault\" in an operation led by the FBI.";
        assert_gives(Role::Target, Lang::En, text, &["vexmoor-vault"]);
        let text = "The raids, led on Tuesday by the FBI, shut down the Vexmoor botnet.";
        assert_gives(Role::LedBy, Lang::En, text, &["fbi"]);
        let text = "Une opération menée le 4 février 2024 par la gendarmerie nationale a visé un réseau de passeurs.";
        assert_gives(Role::LedBy, Lang::Fr, text, &["gendarmerie"]);
        let text =
            "La operación, dirigida desde marzo por la Audiencia Nacional, terminó con el cierre de la agencia Amaq.";
        assert_gives(Role::LedBy, Lang::Es, text, &["audiencia-nacional"]);
    }

    /// A backward cue that ends on the operation's noun and a forward cue that opens on
    /// it both read: the coordinators before, the target after.
    #[test]
    fn cues_sharing_a_noun_read_both_ways() {
        let text = "Les autorités belges avaient coordonné le démantèlement de Sky ECC, a annoncé Europol.";
        assert_gives(Role::CoordinatedBy, Lang::Fr, text, &["belgium"]);
        assert_gives(Role::Target, Lang::Fr, text, &["sky-ecc"]);
        let text = "La Guardia Civil coordinó el desmantelamiento de EncroChat.";
        assert_gives(Role::CoordinatedBy, Lang::Es, text, &["guardia-civil"]);
        assert_gives(Role::Target, Lang::Es, text, &["encrochat"]);
    }

    /// What was shut down in a clause of time opened mid-sentence came before, unless
    /// the sentence acts itself.
    #[test]
    fn a_takedown_in_a_clause_of_time_is_background() {
        let text = "Police took down the Vexmoor app on 3 May 2024. Vexmoor became the app of choice among gangs after law enforcement shut down larger encrypted services, such as EncroChat and Sky ECC.";
        let targets = with_role(text, Lang::En, Role::Target);
        assert!(has(&targets, "vexmoor"), "{targets:?}");
        assert!(!has(&targets, "encrochat") && !has(&targets, "sky-ecc"), "{targets:?}");
        let text = "Vexmoor wurde am 3. Mai 2024 beliebt, nachdem die Polizei EncroChat abgeschaltet hatte.";
        assert_gives_none(Role::Target, Lang::De, text);
        let text = "Police arrested 40 suspects on 3 May 2024 after they shut down EncroChat.";
        assert_gives(Role::Target, Lang::En, text, &["encrochat"]);
    }

    /// A German participle before its noun tells an action: "der im April 2022 durch das
    /// BKA abgeschalteten Darknet-Plattform".
    #[test]
    fn german_participles_before_their_noun_tell_an_action() {
        let text =
            "Die Fahnder fanden Spuren der im April 2022 durch das BKA abgeschalteten Darknet-Plattform „Vexmoor“.";
        assert_gives(Role::Target, Lang::De, text, &["vexmoor"]);
        assert_gives(Role::Participant, Lang::De, text, &["bka"]);
    }

    /// Where searches were spread over is where the operation acted.
    #[test]
    fn places_searches_were_spread_over() {
        let text = "De politie heeft op 3 februari 2023 de chatdienst Vexmoor offline gehaald. Verspreid over Nederland en België werden tachtig adressen doorzocht.";
        assert_gives(Role::Location, Lang::Nl, text, &["netherlands", "belgium"]);
    }

    /// A list of who acted may end on a conjunct that names no one.
    #[test]
    fn a_list_of_actors_ending_on_an_unnamed_conjunct() {
        let text =
            "El 29 de noviembre de 2017, el FBI, Europol y empresas del sector privado desmantelaron la red Vexmoor.";
        assert_gives(Role::Participant, Lang::Es, text, &["fbi", "europol"]);
        // Not when the conjunct holds a name of its own or a clause.
        let text =
            "El 29 de noviembre de 2017, Europol y la policía que investigaba el caso desmantelaron la red Vexmoor.";
        assert!(!has(&with_role(text, Lang::Es, Role::Participant), "europol"));
    }

    /// What an operation acted against is no partner of it.
    #[test]
    fn a_target_is_no_partner() {
        let text = "Police took down EncroChat on 3 May 2024. Along with ending EncroChat's use as a haven for criminals, Dutch police said it and counterparts in Belgium seized two drug labs.";
        assert_gives(Role::Target, Lang::En, text, &["encrochat"]);
        assert_gives_none(Role::Partner, Lang::En, text);
    }

    /// Who took part, counted before the verb and named in a list after a colon.
    #[test]
    fn who_took_part_listed_after_a_colon() {
        let text = "Police forces from nine countries took part in the action against the Vexmoor gang: Austria, Belgium, Italy and Portugal.";
        assert_gives(
            Role::Participant,
            Lang::En,
            text,
            &["austria", "belgium", "italy", "portugal"],
        );
        let text = "Neuf pays ont, en définitive, participé à l'opération contre Vexmoor : Autriche, Belgique, Italie et Portugal.";
        assert_gives(
            Role::Participant,
            Lang::Fr,
            text,
            &["austria", "belgium", "italy", "portugal"],
        );
        // "die" right before a name in a German list is its article.
        let text = "An der Aktion gegen Vexmoor beteiligten sich Behörden aus neun Staaten: Österreich, Belgien, die Slowakei und Portugal.";
        assert_gives(
            Role::Participant,
            Lang::De,
            text,
            &["austria", "belgium", "slovakia", "portugal"],
        );
        // One name after the colon is no list, and a name before it is what the cue governs.
        let text =
            "Police forces from nine countries took part in the action against the Vexmoor gang: Austria led it.";
        assert_gives_none(Role::Participant, Lang::En, text);
    }

    /// French "a impliqué" and Dutch "heeft samengewerkt" name who took part; the
    /// platform a target was on is no target.
    #[test]
    fn who_an_operation_involved_and_where_its_target_was() {
        let text = "L'opération du 3 mai 2024 contre Vexmoor a impliqué Europol et Eurojust.";
        assert_gives(Role::Participant, Lang::Fr, text, &["europol", "eurojust"]);
        let text = "De politie heeft op 3 mei 2024 de chatdienst Vexmoor offline gehaald. Het Team High Tech Crime heeft samengewerkt met de FIOD.";
        assert_gives(Role::Participant, Lang::Nl, text, &["nhtcu"]);
        let text = "Die Aktion am 3. Mai 2024 richtete sich gegen IS-Kanäle auf Telegram.";
        let targets = with_role(text, Lang::De, Role::Target);
        assert!(
            has(&targets, "islamic-state") && !has(&targets, "telegram"),
            "{targets:?}"
        );
        let text = "The action on 3 May 2024 targeted the propaganda of IS on Telegram.";
        let targets = with_role(text, Lang::En, Role::Target);
        assert!(
            has(&targets, "islamic-state") && !has(&targets, "telegram"),
            "{targets:?}"
        );
    }

    /// "Les autorités policières en Australie ont saisi": who seized, not where.
    #[test]
    fn authorities_in_a_country_act_in_french() {
        let text = "La police a démantelé le réseau Vexmoor le 30 novembre 2016. Les autorités policières en Australie ont saisi 37 serveurs.";
        assert_gives(Role::Participant, Lang::Fr, text, &["australia"]);
        assert_gives_none(Role::Location, Lang::Fr, text);
    }

    /// Who acted, in Dutch and German word orders. "Ermittler in neun Ländern" names
    /// authorities of countries: the company named words later is not one of them.
    #[test]
    fn dutch_agents_german_inverted_subjects_and_authorities_of_no_company() {
        let text =
            "Bij de actie tegen de darkwebmarkt Vexmoor werden vier verdachten opgepakt door het Team High Tech Crime.";
        assert_gives(Role::Participant, Lang::Nl, text, &["nhtcu"]);
        assert_gives(Role::Target, Lang::Nl, text, &["vexmoor"]);
        let text = "Bei der Razzia durchsuchten Beamte des Bundeskriminalamts 21 Wohnungen.";
        assert_gives(Role::Participant, Lang::De, text, &["bka"]);
        let text = "Bei einer Aktion haben Ermittler in neun Ländern 37 Händler des Darknet-Marktplatzes „Vexmoor“ festgenommen.";
        assert_gives_none(Role::Partner, Lang::De, text);
    }

    /// The agent of a passive or nominal takedown, arrest or seizure takes part, and what
    /// was taken stays the target ("Emotet was taken down by ...").
    #[test]
    fn the_agent_of_a_passive_or_a_nominal_action_takes_part() {
        let cases = [
            (
                Lang::En,
                "The botnet Emotet was taken down by Dutch police on 2 July 2020.",
                "netherlands",
            ),
            (
                Lang::En,
                "On 2 July 2020 the servers were seized in Kyiv by the Ukrainian police.",
                "ukraine",
            ),
            (
                Lang::En,
                "The shutdown of the Emotet botnet by Europol came on 2 July 2020.",
                "europol",
            ),
            (
                Lang::Fr,
                "Le botnet Emotet a été démantelé par la police néerlandaise le 2 juillet 2020.",
                "netherlands",
            ),
            (
                Lang::Fr,
                "Le démantèlement du botnet Emotet par Europol a eu lieu le 2 juillet 2020.",
                "europol",
            ),
            (
                Lang::Es,
                "La red fue desarticulada el 2 de julio de 2020 por la Guardia Civil.",
                "guardia-civil",
            ),
            (
                Lang::Es,
                "La detención de los cinco yihadistas por la Guardia Civil se produjo el 2 de julio de 2020.",
                "guardia-civil",
            ),
            (
                Lang::Nl,
                "De ontmanteling van het botnet Emotet door de Nederlandse politie volgde op 2 juli 2020.",
                "netherlands",
            ),
            (
                Lang::De,
                "Die Zerschlagung des Botnetzes Emotet durch das BKA erfolgte am 2. Juli 2020.",
                "bka",
            ),
        ];
        for (lang, text, slug) in cases {
            let found = with_role(text, lang, Role::Participant);
            assert!(has(&found, slug), "{text}: {slug} not in {found:?}");
        }
        let targets = with_role(
            "The botnet Emotet was taken down by Dutch police on 2 July 2020.",
            Lang::En,
            Role::Target,
        );
        assert!(has(&targets, "emotet"), "{targets:?}");
        // "por" of a cause names no agent.
        let found = with_role(
            "Cinco personas fueron detenidas el 2 de julio de 2020 por su pertenencia al Estado Islámico.",
            Lang::Es,
            Role::Participant,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    /// A platform named in a later sentence after a definite head ("The marketplace,
    /// known as X") is what a takedown took down; in an arrest it is only what was used.
    #[test]
    fn a_platform_named_after_the_takedown_is_its_target() {
        for (lang, text) in [
            (Lang::En, "On 3 March 2023 Dutch police took down one of the largest dark web marketplaces. The marketplace, known as Vexmoor Market, had 200,000 users."),
            (Lang::Fr, "Le 3 mars 2023, la police néerlandaise a démantelé une grande plateforme. La plateforme, baptisée Vexmoor, comptait 200 000 utilisateurs."),
            // The takedown told after the arrests; the name far after an indefinite head.
            (Lang::En, "On 3 March 2023 police arrested four people in an operation that broke up one of the largest networks. The dark web platform, known as Vexmoor, had 400,000 users."),
            (Lang::Es, "El 3 de marzo de 2023 la policía desmanteló una enorme plataforma de venta de drogas en la red oscura (conocida como dark web) llamada Vexmoor."),
            (Lang::Es, "El 3 de marzo de 2023, la página web Webstresser, conocida por sus ataques, ha sido cerrada gracias a una investigación internacional."),
            // A compound head and the name in quotes.
            (Lang::De, "Am 3. März 2023 konnten die Ermittler drei Betreiber der Darknetplattform „Vexmoor“ festnehmen und die Plattform abschalten."),
            (Lang::De, "Am 3. März 2023 haben Ermittler eine der größten Plattformen im Darknet abgeschaltet. Die Darknetplattform „Vexmoor“ hatte 400.000 Mitglieder."),
            (Lang::De, "Die Seite Webstresser.org war ein großer Marktplatz für Angriffe. Am 3. März 2023 ist der Dienst vom Netz gegangen."),
            // The name set off by commas after its head.
            (Lang::En, "On 3 March 2023 police took down an encrypted service. The highly secure platform, Webstresser, was used by criminals."),
            // The head after a dative article.
            (Lang::De, "Die Ermittler haben am 3. März 2023 einen Darknet-Dienst abgeschaltet. Bei dem Portal „Webstresser“ wurden Daten sichergestellt."),
            // The premises searched.
            (Lang::Fr, "Le 3 mars 2023, les enquêteurs ont perquisitionné les locaux de Webstresser."),
        ] {
            let found = with_role(text, lang, Role::Target);
            // Webstresser is a gazetteer entry; Vexmoor a name found by its head.
            assert!(
                found.iter().any(|e| e.contains("vexmoor") || e.contains("webstresser")),
                "{text}: {found:?}"
            );
        }
        // The object between "mettre" and where it is put.
        for text in [
            "Le 3 mars 2023, Europol a mis Webstresser hors d'état de nuire.",
            "Le 3 mars 2023, la police a mis Webstresser hors ligne.",
        ] {
            let found = with_role(text, Lang::Fr, Role::Target);
            assert!(found.iter().any(|e| e.contains("webstresser")), "{text}: {found:?}");
        }
        let text = "On 3 March 2023 Dutch police arrested seven suspects. The marketplace, known as Vexmoor Market, was used to sell drugs.";
        let found = with_role(text, Lang::En, Role::Target);
        assert!(found.is_empty(), "{found:?}");
        // Where the taken-down content was is no target.
        let text = "On 3 March 2023 police took down a marketplace whose sellers had for years advertised \
                    their goods in channels on the platform Vexmoor.";
        let found = with_role(text, Lang::En, Role::Target);
        assert!(found.iter().all(|e| !e.contains("vexmoor")), "{found:?}");
    }

    /// The owner named right after an action's noun takes part; a name after a place's
    /// preposition, or an adjective of what was investigated, does not.
    #[test]
    fn the_owner_of_an_action_takes_part() {
        let cases = [
            (
                Lang::En,
                "In an operation by the Dutch police on 3 March 2023, seven suspects were arrested.",
                "netherlands",
            ),
            (
                Lang::Nl,
                "Bij een actie van de FIOD zijn op 3 maart 2023 zeven verdachten aangehouden.",
                "fiod",
            ),
            (
                Lang::Fr,
                "Lors d'une opération de la police belge le 3 mars 2023, sept suspects ont été interpellés.",
                "belgium",
            ),
            (
                Lang::Es,
                "En una operación de la Guardia Civil el 3 de marzo de 2023 fueron detenidas siete personas.",
                "guardia-civil",
            ),
            (
                Lang::De,
                "Bei einer Aktion der Bundespolizei wurden am 3. März 2023 sieben Verdächtige festgenommen.",
                "bundespolizei",
            ),
        ];
        for (lang, text, slug) in cases {
            assert_gives(Role::Participant, lang, text, &[slug]);
        }
        for (lang, text) in [
            (
                Lang::En,
                "Investigations of the Russian marketplace ended with seven arrests on 3 March 2023.",
            ),
            (
                Lang::De,
                "Koordiniert wurde die Aktion von Europol; am 3. März 2023 gab es sieben Festnahmen.",
            ),
            (
                Lang::De,
                "Bei einer Razzia des Zolls in Spanien wurden am 3. März 2023 sieben Verdächtige festgenommen.",
            ),
        ] {
            assert_gives_none(Role::Participant, lang, text);
        }
    }

    /// German and Dutch put a passive's agent before the participle: after "von",
    /// "durch" or "door" it takes part; a place before the participle does not, nor a
    /// name another cue gave a role.
    #[test]
    fn the_agent_before_a_german_or_dutch_participle_takes_part() {
        let cases = [
            (
                Lang::De,
                "Die Aktion wurde am 3. Oktober 2023 von der Bundespolizei und dem BKA durchgeführt.",
                &["de-bundespolizei", "bka"][..],
            ),
            (
                Lang::De,
                "Die Festnahmen wurden am 3. Oktober 2023 von Beamten des Landeskriminalamts Bayern vollzogen.",
                &["lka"],
            ),
            (
                Lang::Nl,
                "Het netwerk werd op 3 oktober 2023 door de Belgische politie opgerold.",
                &["belgium"],
            ),
            (
                Lang::Nl,
                "De verdachten werden op 3 oktober 2023 door de FIOD aangehouden.",
                &["fiod"],
            ),
            // A role given in an earlier sentence does not stop the list.
            (
                Lang::De,
                "Am 3. Oktober 2023 nahm das BKA zwei Männer fest. Die Durchsuchungen wurden von der Bundespolizei und dem BKA durchgeführt.",
                &["de-bundespolizei"],
            ),
        ];
        for (lang, text, want) in cases {
            assert_gives(Role::Participant, lang, text, want);
        }
        for (lang, text) in [
            (
                Lang::De,
                "Die Durchsuchungen wurden am 3. Oktober 2023 in Spanien durchgeführt.",
            ),
            (
                Lang::Nl,
                "Op 3 oktober 2023 werden in België vier verdachten aangehouden.",
            ),
            (
                Lang::De,
                "Das Netzwerk wurde am 3. Oktober 2023 mit Unterstützung von Europol zerschlagen.",
            ),
        ] {
            assert_gives_none(Role::Participant, lang, text);
        }
    }

    /// The countries an operation is named after take part in it, the adjective before
    /// its noun (en, nl, de) or after it (fr, es), a compound's first part ("franco-",
    /// "Belgian-") too; a country named after another noun does not.
    #[test]
    fn the_countries_an_operation_is_named_after_take_part() {
        let cases = [
            (
                Lang::En,
                "A joint Belgian-Dutch operation led to 20 arrests on 2 July 2020.",
                &["belgium", "netherlands"][..],
            ),
            (
                Lang::En,
                "On 2 July 2020 a Franco-Spanish investigation brought down the botnet.",
                &["france", "spain"],
            ),
            (
                Lang::Nl,
                "Een Nederlandse actie leidde op 2 juli 2020 tot 20 arrestaties.",
                &["netherlands"],
            ),
            (
                Lang::De,
                "Eine niederländische Aktion führte am 2. Juli 2020 zu 20 Festnahmen.",
                &["netherlands"],
            ),
            (
                Lang::Fr,
                "Une opération franco-néerlandaise a conduit à de multiples arrestations le 2 juillet 2020.",
                &["france", "netherlands"],
            ),
            (
                Lang::Es,
                "Una operación antidroga italiana ha permitido el 2 de julio de 2020 detener a 20 personas.",
                &["italy"],
            ),
        ];
        for (lang, text, want) in cases {
            let found = with_role(text, lang, Role::Participant);
            for slug in want {
                assert!(has(&found, slug), "{text}: {slug} not in {found:?}");
            }
        }
        for (lang, text) in [
            (
                Lang::En,
                "On 2 July 2020 police arrested 20 members of a Moroccan network in a raid.",
            ),
            (
                Lang::Fr,
                "Le 2 juillet 2020, une opération a visé un réseau marocain de trafic.",
            ),
        ] {
            let found = with_role(text, lang, Role::Participant);
            assert!(!has(&found, "morocco") && !has(&found, "france"), "{text}: {found:?}");
        }
    }

    #[test]
    fn an_operation_after_a_sentence_that_tells_none_is_found() {
        // The first sentence of the paragraph names no operation; the second does.
        let ops = operations(
            "Thousands of files were reviewed by analysts. Europol joined the Dutch police in a two-day operation against the Beebone botnet.",
            None,
        );
        assert_eq!(ops.len(), 1, "{ops:?}");
        assert!(
            ops[0].roles.iter().any(|r| r.role == Role::Target),
            "{:?}",
            ops[0].roles
        );
    }

    #[test]
    fn authorities_of_a_country_take_the_role_of_the_cue_before_them() {
        let roles_of = |text: &str, entity: &str| -> Vec<Role> {
            let ops = operations(text, None);
            ops.iter()
                .flat_map(|o| &o.roles)
                .filter(|r| r.entity.ends_with(entity))
                .map(|r| r.role)
                .collect()
        };
        let text = "On 4 May 2019 the FBI shut down a forum. Its servers were seized with the help of authorities in Portugal and Norway.";
        for country in ["portugal", "norway"] {
            let roles = roles_of(text, country);
            assert!(roles.contains(&Role::SupportedBy), "{country}: {roles:?}");
            assert!(!roles.contains(&Role::Participant), "{country}: {roles:?}");
            // They acted; "seized ... in Portugal" does not say the servers were there.
            assert!(!roles.contains(&Role::Location), "{country}: {roles:?}");
        }
        // French and Spanish: "avec l'aide des autorités espagnoles".
        for (lang, text, country) in [
            (
                Lang::Fr,
                "Le 12 mars 2023, la gendarmerie a démantelé un réseau avec l'aide des autorités espagnoles.",
                "spain",
            ),
            (
                Lang::Es,
                "El 3 de mayo de 2022, la Guardia Civil desarticuló una red con la ayuda de las autoridades francesas.",
                "france",
            ),
        ] {
            assert_gives(Role::SupportedBy, lang, text, &[country]);
        }
        // A place of the action still is one.
        let roles = roles_of("On 4 May 2019 police seized servers in Portugal.", "portugal");
        assert!(roles.contains(&Role::Location), "{roles:?}");
        // Several words may stand between the outer cue and the generic one.
        let text = "On 5 May 2020 the action was coordinated by the police and judicial cooperation agencies of the EU - Europol and Eurojust.";
        let roles = roles_of(text, "eurojust");
        assert!(roles.contains(&Role::CoordinatedBy), "{roles:?}");
        assert!(!roles.contains(&Role::Participant), "{roles:?}");
        // Alone, the same phrase still makes the country a participant.
        let roles = roles_of("On 4 May 2019 authorities in Portugal shut down a forum.", "portugal");
        assert!(roles.contains(&Role::Participant), "{roles:?}");
    }

    #[test]
    fn an_operation_recounted_as_last_year_is_its_own_and_led_by_a_compound() {
        let text = "Police in Austria on Monday closed the Example forum, prosecutors said. A Dutch-led operation also took down the Sample market last year.";
        let ops = operations(text, Some("2023-05-10"));
        assert_eq!(ops.len(), 2, "{ops:?}");
        let earlier = ops
            .iter()
            .find(|o| o.start == PartialDate::parse("2022"))
            .expect("the operation of last year");
        assert!(
            earlier
                .roles
                .iter()
                .any(|r| r.role == Role::LedBy && r.entity.ends_with("netherlands")),
            "{:?}",
            earlier.roles
        );
    }

    #[test]
    fn overlapping_cues_the_longer_wins_and_a_cue_may_point_both_ways() {
        let roles_of = |text: &str, entity: &str| -> Vec<Role> {
            let mut roles: Vec<Role> = operations(text, None)
                .iter()
                .flat_map(|o| &o.roles)
                .filter(|r| r.entity.ends_with(entity))
                .map(|r| r.role)
                .collect();
            roles.sort();
            roles.dedup();
            roles
        };
        let text = "On 3 March 2020 Europol partnered with the FBI in an operation against the Demo market.";
        assert_eq!(roles_of(text, "europol"), vec![Role::Participant]);
        assert_eq!(roles_of(text, "fbi"), vec![Role::Participant]);
        let text =
            "On 3 March 2020 Spanish police took down a botnet. Investigators worked with the support of Eurojust.";
        assert_eq!(roles_of(text, "eurojust"), vec![Role::SupportedBy]);
    }

    #[test]
    fn a_subject_pronoun_stands_for_the_actor_the_sentence_before_opened_with() {
        let text = "On 4 May 2019, at Europol's offices, the FBI teamed up with experts from Estonia. It coordinated a hit against online propaganda.";
        let coordinators = with_role(text, Lang::En, Role::CoordinatedBy);
        assert!(has(&coordinators, "fbi"), "{coordinators:?}");
        assert!(!has(&coordinators, "europol"), "{coordinators:?}");
    }

    #[test]
    fn german_dative_before_ist_ein_schlag_gelungen_names_who_struck() {
        let text = "Dem Bundeskriminalamt und Europol ist ein Schlag gegen die Schadsoftware Beispiel gelungen.";
        let participants = with_role(text, Lang::De, Role::Participant);
        assert!(has(&participants, "bka"), "{participants:?}");
        assert!(has(&participants, "europol"), "{participants:?}");
    }

    #[test]
    fn a_joint_team_between_authorities_makes_each_a_participant() {
        for (text, lang) in [
            (
                "On 2 June 2021 police arrested 9 suspects. A joint investigation team between Italy and Austria had prepared the action.",
                Lang::En,
            ),
            (
                "El 2 de junio de 2021 la policía detuvo a 9 personas. La operación comenzó con un equipo de investigación entre Italia y Austria.",
                Lang::Es,
            ),
        ] {
            let participants = with_role(text, lang, Role::Participant);
            for country in ["italy", "austria"] {
                assert!(has(&participants, country), "{text}: {country} {participants:?}");
            }
        }
    }

    #[test]
    fn the_start_of_an_investigation_is_no_date_of_another_operation() {
        let text = "Police in Austria shut down the Example market on 5 April 2022. Investigations into the market started in August 2021 and involved authorities in Italy.";
        let ops = operations(text, Some("2022-04-06"));
        assert_eq!(ops.len(), 1, "{ops:?}");
        assert_eq!(ops[0].start, PartialDate::parse("2022-04-05"));
        assert!(
            ops[0]
                .roles
                .iter()
                .any(|r| r.role == Role::Participant && r.entity.ends_with("italy")),
            "{:?}",
            ops[0].roles
        );
    }

    /// The start dates of the operations `text` tells (published 3 July 2020).
    fn starts(text: &str, lang: Lang) -> Vec<Option<PartialDate>> {
        let ex = Extractor::builtin().expect("extractor");
        let report = report_from_str("t", text, Some(lang), PartialDate::parse("2020-07-03"));
        ex.extract(report).operations.into_iter().map(|op| op.start).collect()
    }

    /// The year a joint investigation team was set up is the case's, not an operation's.
    #[test]
    fn the_year_a_joint_investigation_team_was_set_up_is_no_operation() {
        for (lang, text) in [
            (
                Lang::En,
                "On 20 June 2023 police arrested 14 members of the Vexmoor gang. A joint investigation team (JIT) \
                 between Spain and France was set up at Eurojust in 2022.",
            ),
            (
                Lang::Fr,
                "Le 20 juin 2023, la police a arrêté 14 membres du gang Vexmoor. Une équipe commune d'enquête entre \
                 l'Espagne et la France a été mise en place en 2022.",
            ),
        ] {
            assert_eq!(
                starts(&format!("Vexmoor\n\n{text}"), lang),
                [PartialDate::parse("2023-06-20")],
                "{text}"
            );
        }
    }

    /// Where an operation "desarrollada en" took place, where a lab was "opgerold" and a
    /// house "doorzocht", are its locations.
    #[test]
    fn where_an_operation_developed_or_a_lab_was_rolled_up() {
        let text = "Vexmoor\n\nLa Policía Nacional ha desarticulado la red Vexmoor. En la operación, desarrollada en \
                    Madrid y Málaga el 3 de mayo de 2023, participó también Europol.";
        assert_gives(Role::Location, Lang::Es, text, &["madrid", "malaga"]);
        let text =
            "Vexmoor\n\nDe politie heeft op 3 mei 2023 in Rotterdam het drugslab van de bende Vexmoor opgerold. \
                    Ook in Antwerpen werd een pand doorzocht.";
        assert_gives(Role::Location, Lang::Nl, text, &["rotterdam", "antwerp"]);
    }

    #[test]
    fn a_date_that_opened_the_case_is_no_operation_date() {
        // The date inside the investigation's own phrase, in several languages: the
        // operation keeps the date of the action.
        for (text, lang) in [
            (
                "The investigation, opened in 2019 by prosecutors in Lyon, led to the takedown of the Emotet botnet on 2 July 2020.",
                Lang::En,
            ),
            (
                "L'enquête franco-belge, saisie en 2019 par un juge de Lille, a permis le démantèlement du botnet Emotet le 2 juillet 2020.",
                Lang::Fr,
            ),
            // The verb first: "launched the investigation in 2019".
            (
                "Prosecutors in Lyon launched the investigation in 2019; it led to the takedown of the Emotet botnet on 2 July 2020.",
                Lang::En,
            ),
            (
                "Les juges de Lille ont ouvert une enquête en 2019, qui a permis le démantèlement du botnet Emotet le 2 juillet 2020.",
                Lang::Fr,
            ),

        ] {
            let found = starts(text, lang);
            assert!(!found.is_empty(), "{text}");
            assert!(found.iter().all(|d| *d == PartialDate::parse("2020-07-02")), "{text}: {found:?}");
        }
        // The date before the verb that opens the case.
        for (text, lang) in [
            (
                "In 2018 begon in Duitsland een groot onderzoek tegen het botnet Emotet.",
                Lang::Nl,
            ),
            (
                "In 2018 began a large investigation into the Emotet botnet in Germany.",
                Lang::En,
            ),
            // Whatever the case is called: a year something began in.
            (
                "In 2018 startte in Duitsland een grote zaak tegen het botnet Emotet, na invallen bij verdachten.",
                Lang::Nl,
            ),
            (
                "En 2018 comenzó en Alemania la lucha contra el botnet Emotet, con registros en varias ciudades.",
                Lang::Es,
            ),
            (
                "In 2018 began a joint effort against the Emotet botnet, with raids in several cities.",
                Lang::En,
            ),
        ] {
            let found = starts(text, lang);
            assert!(!found.contains(&PartialDate::parse("2018")), "{text}: {found:?}");
        }
    }

    /// The year a body or a programme was founded, and a Dutch or German case's year
    /// with its verb of beginning at the end of the clause, date no operation.
    #[test]
    fn founding_years_and_verb_final_beginnings_are_background() {
        for (text, lang) in [
            (
                "Het programma Vexmoor werd opgericht in 2013 en richt zich op dievenbendes. De operatie leidde tot 40 arrestaties.",
                Lang::Nl,
            ),
            (
                "The Vexmoor unit was set up in March 2014 to fight road crime. The operation led to 40 arrests.",
                Lang::En,
            ),
            (
                "L'unité Vexmoor, créée en 2014, lutte contre les vols. L'opération a permis 40 interpellations.",
                Lang::Fr,
            ),
            (
                "De actie volgt op een onderzoek dat in 2016 is begonnen. Bij de actie werden 40 verdachten opgepakt.",
                Lang::Nl,
            ),
        ] {
            let found = starts(text, lang);
            assert!(!found.is_empty(), "{text}");
            assert!(
                found.iter().all(|d| !matches!(d, Some(PartialDate::Year(_) | PartialDate::YearMonth(..)))),
                "{text}: {found:?}"
            );
        }
        // A year the operation itself began in is its date.
        let found = starts(
            "De operatie is in 2016 begonnen en leidde tot 40 arrestaties.",
            Lang::Nl,
        );
        assert!(found.contains(&PartialDate::parse("2016")), "{found:?}");
    }

    #[test]
    fn the_case_opened_years_before_keeps_its_leader_on_the_operation() {
        // A phrase between the investigation and the verb that opened it: the sentence's
        // year is the case's, and its leader is the operation's.
        let text = "El 2 de julio de 2020 la policía desmanteló el botnet Emotet. La investigación, dirigida por el \
                    Juzgado Central de Instrucción número 5, comenzó en 2019.";
        let found = with_role(text, Lang::Es, Role::LedBy);
        assert!(has(&found, "es-central-instruction-court"), "{found:?}");
        assert_eq!(starts(text, Lang::Es), [PartialDate::parse("2020-07-02")]);
    }

    #[test]
    fn participants_named_after_their_verb_or_in_a_list_phrase() {
        let cases = [
            (Lang::Es, "El 4 de marzo de 2022 la policía desmanteló una red. Participaron también Bélgica, Italia y Grecia."),
            (Lang::Fr, "Le 4 mars 2022, une opération a visé un réseau. Plusieurs pays ont participé, dont la Belgique, l'Italie et la Grèce."),
            (Lang::Nl, "Op 4 maart 2022 werd een netwerk opgerold. Aan de actie werkten rechercheurs uit België, Italië en Griekenland mee."),
            (Lang::De, "Am 4. März 2022 wurde ein Netzwerk zerschlagen. Zu den beteiligten Staaten gehörten Belgien, Italien und Griechenland."),
            (Lang::Es, "El 4 de marzo de 2022 la policía desmanteló una red. En ella participaron otros países, como Bélgica, Italia y Grecia, según informó Europol."),
            // Counted actors between the verb and "including", or a separable verb of
            // taking part that closes the clause before it.
            (Lang::Es, "El 4 de marzo de 2022 la policía desmanteló una red. En la operación participaron las autoridades de policía, aduanas y salud de 30 países, entre ellos Bélgica, Italia y Grecia."),
            (Lang::Nl, "Op 4 maart 2022 werd een netwerk opgerold. Aan de actie namen diensten uit 30 landen deel, waaronder België, Italië en Griekenland."),
            (Lang::De, "Am 4. März 2022 wurde ein Netzwerk zerschlagen. An der Aktion nahmen Behörden aus 30 Staaten teil, darunter Belgien, Italien und Griechenland."),
        ];
        for (lang, text) in cases {
            let found = with_role(text, lang, Role::Participant);
            for country in ["belgium", "italy", "greece"] {
                assert!(has(&found, country), "{country} in {text}: {found:?}");
            }
            // The source after the list did not take part.
            assert!(!has(&found, "europol"), "{text}: {found:?}");
        }
        // After the verb, a place ("in Spain") or a quoted source ("...: Europol") is no
        // participant.
        let text = "On 4 March 2022 a network was taken down. Officers arrested two in Spain.";
        assert!(!has(&with_role(text, Lang::En, Role::Participant), "spain"));
        let text =
            "Thousands arrested since the network was cracked: Europol\n\nOn 4 March 2022 a network was taken down.";
        assert!(!has(&with_role(text, Lang::En, Role::Participant), "europol"));
    }

    #[test]
    fn counted_places_or_names_after_a_closed_clause_take_no_part() {
        // Counted places are where, not who.
        let text = "On 4 March 2022 a network was taken down. Police took part in raids in 30 countries, including \
                    Belgium and Italy.";
        assert!(!has(&with_role(text, Lang::En, Role::Participant), "belgium"));
        // Without "including", the names after the verb are no subjects of it.
        let text = "Op 4 maart 2022 werd een netwerk opgerold. Aan de actie namen diensten deel tegen de dealers in \
                    België.";
        assert!(!has(&with_role(text, Lang::Nl, Role::Participant), "belgium"));
    }

    #[test]
    fn under_the_auspices_of_is_coordination() {
        for (lang, text) in [
            (
                Lang::En,
                "On 4 March 2022 an operation against the botnet Qakbot took place under the auspices of Eurojust.",
            ),
            (
                Lang::Fr,
                "Le 4 mars 2022, une opération contre le botnet Qakbot a eu lieu sous l'égide d'Eurojust.",
            ),
        ] {
            assert!(has(&with_role(text, lang, Role::CoordinatedBy), "eurojust"), "{text}");
            assert!(!has(&with_role(text, lang, Role::LedBy), "eurojust"), "{text}");
        }
    }

    #[test]
    fn a_coordinator_named_before_its_verb_in_four_languages() {
        let cases = [
            (
                Lang::Nl,
                "Europol coördineerde op 4 maart 2022 een actie tegen Islamitische Staat.",
            ),
            (
                Lang::Fr,
                "Europol a coordonné le 4 mars 2022 une opération contre l'État islamique.",
            ),
            (
                Lang::De,
                "Europol koordinierte am 4. März 2022 eine Aktion gegen den Islamischen Staat.",
            ),
            (
                Lang::Es,
                "Europol coordinó el 4 de marzo de 2022 una operación contra el Estado Islámico.",
            ),
        ];
        for (lang, text) in cases {
            let found = with_role(text, lang, Role::CoordinatedBy);
            assert!(has(&found, "europol"), "{text}: {found:?}");
        }
    }

    #[test]
    fn a_named_agency_acts_for_itself_not_its_country() {
        for (lang, text) in [
            (
                Lang::En,
                "On 4 March 2022 the operation was led by the Italian Polizia di Stato.",
            ),
            (
                Lang::Fr,
                "Le 4 mars 2022, l'opération a été dirigée par la Polizia di Stato italienne.",
            ),
        ] {
            let led = with_role(text, lang, Role::LedBy);
            assert!(has(&led, "polizia-di-stato"), "{text}: {led:?}");
            assert!(!has(&led, "italy"), "{text}: {led:?}");
        }
        // An unnamed authority: its country acts.
        let led = with_role(
            "On 4 March 2022 the operation was led by Italian police.",
            Lang::En,
            Role::LedBy,
        );
        assert!(has(&led, "italy"), "{led:?}");
    }

    #[test]
    fn german_roles_with_the_participle_first() {
        let text = "Am 4. März 2022 wurde das Netzwerk zerschlagen. Koordiniert wurde die Aktion von Europol. Geleitet wurde der Einsatz von der niederländischen Nationalpolizei. Unterstützt wurden die Ermittler von Eurojust.";
        assert!(has(&with_role(text, Lang::De, Role::CoordinatedBy), "europol"));
        let led = with_role(text, Lang::De, Role::LedBy);
        assert!(has(&led, "nl-national-police"), "{led:?}");
        assert!(!has(&led, "netherlands"), "{led:?}");
        assert!(has(&with_role(text, Lang::De, Role::SupportedBy), "eurojust"));
    }

    #[test]
    fn the_day_a_lead_sentence_opens_with_dates_the_headline_operation() {
        // The headline names the operation, the lead opens with its days.
        let text = "Botnet Dridex taken down by Europol\n\nBetween 13 and 15 November 2015, the botnet Dridex went offline for good.";
        let ops = operations(text, Some("2015-11-16"));
        assert_eq!(ops.len(), 1, "{ops:?}");
        assert_eq!(ops[0].start, PartialDate::parse("2015-11-13"), "{ops:?}");
        // A month alone is as likely background: the publication date stays.
        let text = "Botnet Dridex taken down by Europol\n\nIn October 2015, the botnet Dridex had infected thousands of computers.";
        let ops = operations(text, Some("2015-11-16"));
        assert_eq!(ops[0].start, PartialDate::parse("2015-11-16"), "{ops:?}");
    }

    #[test]
    fn a_dateline_is_read_from_the_first_words_of_its_line() {
        // Cut at the last space within the bound, never inside a char.
        assert_eq!(line_prefix("Den Haag, 12 april 2024", 120), "Den Haag, 12 april 2024");
        assert_eq!(line_prefix("Zürich élève", 9), "Zürich");
        assert_eq!(line_prefix("ééééé", 4), "éé");
        // The dateline of a long first line (the story goes on after it) is found and
        // dates no operation.
        let story = "The police of six countries took down the servers of a botnet on 21 November 2019. ".repeat(3);
        let text = format!("BRUSSELS, 25 November 2019 - {story}\nThe action was coordinated by Europol.");
        let sentences = [Span::new(0, text.len())];
        let (date, span) = dateline_date(&text, &sentences, Lang::En, None).expect("dateline");
        assert_eq!(date, PartialDate::Day(2019, 11, 25));
        assert_eq!(span.slice(&text), "25 November 2019");
        // No figure, no dateline.
        assert_eq!(
            dateline_date(
                "Yesterday\nPolice took down a botnet.",
                &[],
                Lang::En,
                PartialDate::parse("2019-11-25")
            ),
            None
        );
    }

    #[test]
    fn a_story_that_opens_with_its_date_has_no_dateline() {
        // With the publication date known, the opening span is the operation's.
        let text =
            "Between 3 and 6 October 2015, police took down the botnet Dridex. The action was coordinated by Europol.";
        let ops = operations(text, Some("2015-10-07"));
        assert_eq!(ops.len(), 1, "{ops:?}");
        assert_eq!(
            (ops[0].start, ops[0].end),
            (PartialDate::parse("2015-10-03"), PartialDate::parse("2015-10-06"))
        );
        // A real dateline still is one: its date is not the operation's.
        let text = "25/11/2019, BRUSSEL. - On 21 November 2019 police took down the botnet Dridex. The action was coordinated by Europol.";
        let ops = operations(text, None);
        assert_eq!(ops[0].start, PartialDate::parse("2019-11-21"), "{ops:?}");
    }

    #[test]
    fn a_place_and_date_that_end_their_sentence_are_a_dateline() {
        // The dateline gives the year to "on 19 May", and is not the operation's date.
        for sep in [".", " -", " |"] {
            let text = format!(
                "Police shut down Vexmoor\n\nLyon, 22 May 2023{sep} Police arrested four suspects in an operation \
                 against the Vexmoor network. The searches took place on 19 May."
            );
            let ops = operations(&text, None);
            assert_eq!(ops.len(), 1, "{ops:?}");
            assert_eq!(ops[0].start, PartialDate::parse("2023-05-19"), "{text}: {ops:?}");
        }
        // After a comma the story goes on: the date is the operation's.
        let text = "Police shut down Vexmoor\n\nLyon, 22 May 2023, police arrested four suspects in an operation \
                    against the Vexmoor network.";
        let ops = operations(text, None);
        assert_eq!(ops[0].start, PartialDate::parse("2023-05-22"), "{ops:?}");
        // A news agency's tag before the dash, and no year: still the dateline, placed by
        // the publication date.
        let text = "Police shut down Vexmoor\n\nLYON, 22 May (Belga) - Police arrested four suspects in an operation \
                    against the Vexmoor network. The searches took place on 19 May.";
        let ops = operations(text, Some("2023-05-22"));
        assert_eq!(ops.len(), 1, "{ops:?}");
        assert_eq!(ops[0].start, PartialDate::parse("2023-05-19"), "{ops:?}");
    }

    #[test]
    fn targets_named_before_a_passive_or_particle_verb() {
        for (lang, text) in [
            (
                Lang::En,
                "On 4 March 2022 police acted in Spain. The marketplace Hydra was taken down.",
            ),
            (
                Lang::Nl,
                "Op 4 maart 2022 grepen rechercheurs in. Ook de marktplaats Hydra werd offline gehaald.",
            ),
            (
                Lang::Fr,
                "Le 4 mars 2022, les enquêteurs sont intervenus. La plateforme Hydra a été fermée.",
            ),
            (
                Lang::De,
                "Am 4. März 2022 nahmen Ermittler den Marktplatz Hydra vom Netz.",
            ),
            (
                Lang::Es,
                "El 4 de marzo de 2022 actuó la policía. El mercado Hydra fue desmantelado.",
            ),
        ] {
            let found = with_role(text, lang, Role::Target);
            assert!(has(&found, "hydra"), "{text}: {found:?}");
        }
    }

    #[test]
    fn the_year_an_investigation_was_opened_by_someone_is_not_another_operation() {
        let text = "Vexmoor malware taken down\n\nPolice supported by Europol took down the infrastructure of \
                    the Vexmoor malware between 12 and 14 March 2024. The investigation was initiated by the Dutch \
                    National Police in 2022.";
        let ops = operations(text, None);
        assert_eq!(ops.len(), 1, "{ops:?}");
        assert_eq!(ops[0].start, PartialDate::parse("2024-03-12"), "{ops:?}");
        assert!(
            has(&with_role(text, Lang::En, Role::LedBy), "nl-national-police"),
            "{ops:?}"
        );
    }

    #[test]
    fn a_head_word_at_the_end_of_a_title_names_nothing_on_the_next_line() {
        let text = "Schlag gegen Cybercrime-Netzwerk\n\nVom 12. bis 14. März 2024 fand eine Aktion gegen das \
                    Netzwerk Vexmoor statt.";
        let found = with_role(text, Lang::De, Role::Target);
        assert_eq!(found, ["group/vexmoor"], "{found:?}");
    }

    #[test]
    fn a_platform_or_group_named_after_its_head_is_the_target() {
        for (lang, text, target) in [
            (
                Lang::De,
                "Am 3. Mai 2023 haben das BKA und die Polizei Köln die Plattform Vexmoor abgeschaltet.",
                "company/vexmoor",
            ),
            (
                Lang::Nl,
                "Op 3 mei 2023 heeft de FIOD de marktplaats Vexmoor offline gehaald.",
                "company/vexmoor",
            ),
            (
                Lang::Fr,
                "Le 3 mai 2023, la Gendarmerie nationale a fermé la plateforme Vexmoor.",
                "company/vexmoor",
            ),
            (
                Lang::Es,
                "El 3 de mayo de 2023, la Guardia Civil cerró la plataforma Vexmoor.",
                "company/vexmoor",
            ),
            (
                Lang::Nl,
                "Op 3 mei 2023 heeft de politie de infrastructuur van de ransomwaregroep Vexmoor uit de lucht gehaald.",
                "group/vexmoor",
            ),
            (
                Lang::De,
                "Am 3. Mai 2023 wurde die Hackergruppe Vexmoor bei einer Razzia zerschlagen.",
                "group/vexmoor",
            ),
        ] {
            let text = format!("Vexmoor\n\n{text}");
            let found = with_role(&text, lang, Role::Target);
            assert!(has(&found, target), "{text}: {found:?}");
            // Who shut it down is no target.
            assert!(found.iter().all(|f| f.contains("vexmoor")), "{text}: {found:?}");
        }
    }

    #[test]
    fn french_support_told_as_a_benefit() {
        let text = "Le 14 janvier 2016, la police a démantelé le marché AlphaBay. Les enquêteurs ont bénéficié du soutien d'Europol.";
        let found = with_role(text, Lang::Fr, Role::SupportedBy);
        assert!(has(&found, "europol"), "{found:?}");
    }

    #[test]
    fn agents_before_a_clause_final_participle() {
        let de = "Am 4. März 2022 wurde das Botnetz Qakbot abgeschaltet. Die Aktion wurde von Europol koordiniert. Die Ermittlungen wurden von der Staatsanwaltschaft Frankfurt geleitet und von Eurojust unterstützt.";
        assert!(has(&with_role(de, Lang::De, Role::CoordinatedBy), "europol"));
        assert!(has(&with_role(de, Lang::De, Role::SupportedBy), "eurojust"));
        // Only the agent: what the clause says was supported is not.
        let de = "Am 4. März 2022 wurde das Botnetz Qakbot abgeschaltet. Das Bundeskriminalamt wurde von Europol unterstützt.";
        let supported = with_role(de, Lang::De, Role::SupportedBy);
        assert!(has(&supported, "europol") && !has(&supported, "bka"), "{supported:?}");
        let nl = "Op 4 maart 2022 werd het botnet Qakbot offline gehaald. De actie werd door Europol gecoördineerd en door Eurojust ondersteund.";
        assert!(has(&with_role(nl, Lang::Nl, Role::CoordinatedBy), "europol"));
        assert!(has(&with_role(nl, Lang::Nl, Role::SupportedBy), "eurojust"));
    }

    #[test]
    fn platforms_the_material_went_to_are_partners() {
        for (lang, text) in [
            (Lang::Es, "El 4 de marzo de 2022 se desmanteló la red. El material se remitió a plataformas como Telegram y TikTok."),
            (Lang::Nl, "Op 4 maart 2022 werd het netwerk opgerold. Het materiaal werd doorgestuurd naar onlinediensten zoals Telegram en TikTok."),
            (Lang::Fr, "Le 4 mars 2022, le réseau a été démantelé. Les contenus ont été transmis à des plateformes comme Telegram et TikTok."),
        ] {
            let partners = with_role(text, lang, Role::Partner);
            assert!(has(&partners, "telegram") && has(&partners, "tiktok"), "{text}: {partners:?}");
        }
    }

    #[test]
    fn who_shut_something_down_took_part() {
        for (lang, text, actor) in [
            (
                Lang::En,
                "On 5 April 2022 German police said they have shut down the servers of Hydra.",
                "germany",
            ),
            (
                Lang::Fr,
                "Le 5 avril 2022, la police allemande a fermé les serveurs de Hydra.",
                "germany",
            ),
            (
                Lang::Nl,
                "Op 5 april 2022 sloeg de politie toe. De Duitse politie heeft de servers van Hydra offline gehaald.",
                "germany",
            ),
            (
                Lang::De,
                "Am 5. April 2022 meldete die Polizei den Schlag. Das Bundeskriminalamt hat die Server von Hydra abgeschaltet.",
                "bka",
            ),
            (
                Lang::Es,
                "El 5 de abril de 2022 la policía alemana ha cerrado los servidores de Hydra.",
                "germany",
            ),
        ] {
            let found = with_role(text, lang, Role::Participant);
            assert!(has(&found, actor), "{text}: {found:?}");
            // What was shut down is no partner of the operation.
            assert!(!has(&with_role(text, lang, Role::Partner), "hydra"), "{text}");
        }
        // The speaker is not the actor.
        let said = "On 5 April 2022 Europol said German police have shut down the servers of Hydra.";
        let found = with_role(said, Lang::En, Role::Participant);
        assert!(has(&found, "germany") && !has(&found, "europol"), "{found:?}");
        let nl = "Op 5 april 2022 sloeg de politie toe. Europol heeft gemeld dat de servers van Hydra zijn opgerold.";
        assert!(!has(&with_role(nl, Lang::Nl, Role::Participant), "europol"), "{nl}");
        let de = "Am 5. April 2022 meldete die Polizei den Schlag. Europol hat berichtet, dass die Plattform Hydra abgeschaltet wurde.";
        assert!(!has(&with_role(de, Lang::De, Role::Participant), "europol"), "{de}");
    }

    #[test]
    fn a_subject_after_the_auxiliary_took_part() {
        for (lang, text, actor) in [
            (
                Lang::Nl,
                "Op 5 april 2022 heeft de Duitse politie de servers van Hydra offline gehaald.",
                "germany",
            ),
            (
                Lang::De,
                "Am 5. April 2022 hat das Bundeskriminalamt die Server von Hydra abgeschaltet.",
                "bka",
            ),
            (
                Lang::De,
                "Am 5. April 2022 haben das Bundeskriminalamt und die niederländische Polizei die Infrastruktur des Marktplatzes Hydra abgeschaltet.",
                "netherlands",
            ),
            (
                Lang::De,
                "Am 8. Juni 2021 haben belgische und niederländische Behörden eine gemeinsame Aktion durchgeführt.",
                "netherlands",
            ),
        ] {
            let found = with_role(text, lang, Role::Participant);
            assert!(has(&found, actor), "{text}: {found:?}");
            assert!(!has(&found, "hydra"), "{text}: {found:?}");
        }
        // The object after the subject is not one.
        let nl = "Op 5 april 2022 heeft de Duitse politie de Nederlandse servers van Hydra offline gehaald.";
        let found = with_role(nl, Lang::Nl, Role::Participant);
        assert!(has(&found, "germany") && !has(&found, "netherlands"), "{found:?}");
    }

    #[test]
    fn who_coordinated_the_cooperation_and_who_facilitated_it() {
        for (lang, text) in [
            (
                Lang::En,
                "On 3 June 2022, police in Spain and Portugal carried out an operation against a drug network. Eurojust coordinated the judicial cooperation and Europol facilitated the exchange of information.",
            ),
            (
                Lang::Fr,
                "Le 3 juin 2022, les polices espagnole et portugaise ont mené une opération contre un réseau. Eurojust a coordonné la coopération judiciaire et Europol a facilité l'échange d'informations.",
            ),
            (
                Lang::Es,
                "El 3 de junio de 2022, la policía española realizó una operación contra una red. Eurojust coordinó la cooperación judicial y Europol facilitó el intercambio de información.",
            ),
        ] {
            assert!(has(&with_role(text, lang, Role::CoordinatedBy), "eurojust"), "{text}");
            assert!(has(&with_role(text, lang, Role::SupportedBy), "europol"), "{text}");
        }
    }

    #[test]
    fn a_subject_before_a_phrase_in_commas_took_part() {
        for (lang, text, actor, helper) in [
            (
                Lang::Fr,
                "Le 8 mars 2023, les autorités allemandes, avec le soutien d'Europol, ont démantelé le groupe Vexmoor.",
                "germany",
                "europol",
            ),
            (
                Lang::Es,
                "El 8 de marzo de 2023, la policía alemana, con el apoyo de Europol, desarticuló el grupo Vexmoor.",
                "germany",
                "europol",
            ),
            (
                Lang::En,
                "On 8 March 2023, German police, supported by Europol, took down the Vexmoor botnet.",
                "germany",
                "europol",
            ),
            // Any verb that names who acted, not only a takedown.
            (
                Lang::En,
                "On 8 March 2023, officers from Poland and Lithuania, backed by Europol, arrested six suspects.",
                "poland",
                "europol",
            ),
        ] {
            let found = with_role(text, lang, Role::Participant);
            assert!(has(&found, actor) && !has(&found, helper), "{text}: {found:?}");
            assert!(has(&with_role(text, lang, Role::SupportedBy), helper), "{text}");
        }
    }

    #[test]
    fn who_acted_together_with_others_took_part() {
        for (lang, text, subjects, others) in [
            (
                Lang::Nl,
                "Op 3 mei 2023 heeft de Belgische politie samen met de FBI en het Duitse BKA de servers van het \
                 netwerk Vexmoor in beslag genomen.",
                &["belgium"][..],
                &["fbi", "bka"][..],
            ),
            (
                Lang::De,
                "Am 3. Mai 2023 haben das BKA und die Staatsanwaltschaft Köln gemeinsam mit Behörden aus Polen die \
                 Plattform Vexmoor abgeschaltet.",
                &["bka", "staatsanwaltschaft-koln"][..],
                &["poland"][..],
            ),
            (
                Lang::Es,
                "El 3 de mayo de 2023, la Guardia Civil, en colaboración con la policía de Portugal, desarticuló \
                 la red Vexmoor.",
                &["guardia-civil"][..],
                &["portugal"][..],
            ),
            (
                Lang::En,
                "On 3 May 2023, Belgian police, together with the FBI, seized the servers of the Vexmoor network.",
                &["belgium"][..],
                &["fbi"][..],
            ),
        ] {
            let found = with_role(text, lang, Role::Participant);
            for e in subjects.iter().chain(others) {
                assert!(
                    has(&found, e) || found.iter().any(|f| f.contains(e)),
                    "{text}: {e} in {found:?}"
                );
            }
        }
        // Where it happened is no subject.
        let text = "On 3 May 2023, two suspects were arrested in Spain together with the FBI.";
        let found = with_role(text, Lang::En, Role::Participant);
        assert!(has(&found, "fbi") && !has(&found, "spain"), "{text}: {found:?}");
    }

    #[test]
    fn who_led_the_investigation_led_the_operation() {
        for (lang, text, leader) in [
            (
                Lang::Nl,
                "Op 3 mei 2023 werd het platform Vexmoor offline gehaald. Het Openbaar Ministerie leidde het onderzoek.",
                "nl-public-prosecution",
            ),
            (
                Lang::De,
                "Am 3. Mai 2023 wurde die Plattform Vexmoor abgeschaltet. Das BKA leitete die Ermittlungen.",
                "bka",
            ),
            // The object first, the subject after the verb (and "die" is its article).
            (
                Lang::De,
                "Am 3. Mai 2023 wurde die Plattform Vexmoor abgeschaltet. Die Ermittlungen führte die \
                 Staatsanwaltschaft Köln.",
                "staatsanwaltschaft-koln",
            ),
            (
                Lang::Fr,
                "Le 3 mai 2023, la plateforme Vexmoor a été fermée. La Gendarmerie nationale a mené l’enquête.",
                "fr-gendarmerie-nationale",
            ),
            (
                Lang::Es,
                "El 3 de mayo de 2023 se desmanteló la plataforma Vexmoor. La Guardia Civil dirigió la investigación.",
                "guardia-civil",
            ),
        ] {
            let text = format!("Vexmoor\n\n{text}");
            let found = with_role(&text, lang, Role::LedBy);
            assert!(has(&found, leader), "{text}: {found:?}");
        }
        // What the investigation led to is no leader.
        let text = "Vexmoor\n\nAm 3. Mai 2023 wurde die Plattform Vexmoor abgeschaltet. Die Ermittlungen führten zur \
                    Festnahme von zwei Männern in Polen.";
        assert!(with_role(text, Lang::De, Role::LedBy).is_empty(), "{text}");
    }

    /// The day may stand between the verb of leading and its object, and the object may be
    /// indefinite ("a dirigé le 9 juin 2022 une opération").
    #[test]
    fn who_led_an_operation_on_a_day_led_it() {
        for (lang, text, leader) in [
            (
                Lang::Fr,
                "La Gendarmerie nationale a dirigé le 9 juin 2022 une opération contre la plateforme Vexmoor.",
                "fr-gendarmerie-nationale",
            ),
            (
                Lang::Es,
                "La Guardia Civil dirigió el 9 de junio de 2022 una operación contra la plataforma Vexmoor.",
                "guardia-civil",
            ),
            (
                Lang::De,
                "Das BKA leitete am 9. Juni 2022 eine Aktion gegen die Plattform Vexmoor.",
                "bka",
            ),
            (
                Lang::Nl,
                "Het Openbaar Ministerie leidde op 9 juni 2022 een actie tegen het platform Vexmoor.",
                "nl-public-prosecution",
            ),
        ] {
            assert_gives(Role::LedBy, lang, &format!("Vexmoor\n\n{text}"), &[leader]);
        }
    }

    /// A phrase that opens the sentence ends at its comma, or, in Dutch and German, at the
    /// main clause's auxiliary: who follows acted, and was not led or supported. In the
    /// middle of a sentence the same words go on the list ("with the help of Europol and
    /// authorities in Latvia").
    #[test]
    fn the_subject_after_an_opening_phrase_is_not_in_its_list() {
        let text = "Raids\n\nBacked by Eurojust, officers from Poland and Latvia arrested four suspects on 3 May 2021.";
        assert_gives(Role::Participant, Lang::En, text, &["poland", "latvia"]);
        let supporters = with_role(text, Lang::En, Role::SupportedBy);
        assert!(supporters.len() == 1 && has(&supporters, "eurojust"), "{supporters:?}");
        let text =
            "Raids\n\nOn 3 May 2021 four suspects were arrested with the help of Eurojust and officers from Latvia.";
        assert_gives(Role::SupportedBy, Lang::En, text, &["eurojust", "latvia"]);
        let text =
            "Invallen\n\nOnder leiding van het Openbaar Ministerie hebben agenten uit Polen, Letland en Litouwen op \
                    3 mei 2021 vier verdachten aangehouden.";
        assert_gives(Role::Participant, Lang::Nl, text, &["poland", "latvia", "lithuania"]);
        let leaders = with_role(text, Lang::Nl, Role::LedBy);
        assert!(
            leaders.len() == 1 && has(&leaders, "nl-public-prosecution"),
            "{leaders:?}"
        );
        let text =
            "Invallen\n\nOnder leiding van Eurojust hebben Polen en Letland op 3 mei 2021 vier verdachten aangehouden.";
        let leaders = with_role(text, Lang::Nl, Role::LedBy);
        assert!(leaders.len() == 1 && has(&leaders, "eurojust"), "{leaders:?}");
        // Dutch "en" is "and": Lithuania is where the investigators came from, not a place
        // of the arrests.
        assert_gives_none(Role::Location, Lang::Nl, text);
    }

    /// Who said that it had acted acted ("Spanish police said on Monday they had
    /// dismantled", "a annoncé qu'elle avait démantelé", "informó de que había
    /// desarticulado", "teilte mit, es habe ... abgeschaltet"); what was acted on in the
    /// passive did not act ("servers in Finland were seized"); "an operation with" names
    /// participants.
    #[test]
    fn who_said_they_acted_acted_and_what_was_acted_on_did_not() {
        for (lang, text, actor) in [
            (
                Lang::En,
                "Spanish police said on Monday they had dismantled the Vexmoor forum.",
                "spain",
            ),
            (
                Lang::Fr,
                "La Gendarmerie nationale a annoncé lundi qu'elle avait démantelé le forum Vexmoor.",
                "fr-gendarmerie-nationale",
            ),
            (
                Lang::Es,
                "La Guardia Civil informó el lunes de que había desarticulado el foro Vexmoor.",
                "guardia-civil",
            ),
            (
                Lang::En,
                "Police took down the Vexmoor forum on 3 May 2021 in an operation with the FBI.",
                "fbi",
            ),
            (
                Lang::De,
                "Das BKA teilte am Mittwoch mit, es habe das Forum Vexmoor abgeschaltet.",
                "bka",
            ),
            (
                Lang::De,
                "Die Bundespolizei erklärte, sie habe zwölf Verdächtige festgenommen.",
                "bundespolizei",
            ),
        ] {
            assert_gives(Role::Participant, lang, &format!("Vexmoor\n\n{text}"), &[actor]);
        }
        let text = "Vexmoor\n\nOn 3 May 2021 the Vexmoor forum was taken down and servers in Finland were seized.";
        assert_gives_none(Role::Participant, Lang::En, text);
        assert_gives(Role::Location, Lang::En, text, &["finland"]);
    }

    /// A German clause may hold a day with its ordinal dot and a quoted name between the
    /// subject and the participle ("hat am 12. Juni die Plattform „Vexmoor“ abgeschaltet").
    #[test]
    fn a_day_and_a_quoted_name_inside_a_german_clause() {
        let text = "Vexmoor\n\nDas BKA hat am 12. Juni 2024 die Plattform „Vexmoor“ abgeschaltet.";
        assert_gives(Role::Participant, Lang::De, text, &["bka"]);
        assert_gives(Role::Target, Lang::De, text, &["vexmoor"]);
        let text = "Vexmoor\n\nAm 12. Juni 2024 wurde die Plattform Vexmoor abgeschaltet. Die Ermittlungen leitete am \
                    12. Juni das BKA.";
        assert_gives(Role::LedBy, Lang::De, text, &["bka"]);
    }

    /// "X heeft samen met Y": after the subject's auxiliary, "samen met" opens who acted
    /// with it; it does not go on a list of the subject's.
    #[test]
    fn together_with_right_after_the_auxiliary() {
        let text = "Vexmoor\n\nDe FIOD heeft samen met de Belgische douane op 5 maart 2024 de bende Vexmoor opgerold.";
        assert_gives(Role::Participant, Lang::Nl, text, &["nl-fiod", "be-customs"]);
        let text = "Vexmoor\n\nDas BKA hat gemeinsam mit Europol am 5. März 2024 die Bande Vexmoor zerschlagen.";
        assert_gives(Role::Participant, Lang::De, text, &["bka", "europol"]);
    }

    /// A negated cue names nobody ("Nederland deed niet mee", "France never
    /// participated", "Francia no participó"); "not only" is no negation.
    #[test]
    fn who_did_not_take_part_did_not() {
        for (lang, text) in [
            (
                Lang::Nl,
                "Duitsland en Oostenrijk namen op 3 mei 2022 deel aan de actie tegen Vexmoor. Nederland deed niet mee.",
            ),
            (
                Lang::En,
                "Germany and Austria participated in the action against Vexmoor on 3 May 2022. France never participated.",
            ),
            (
                Lang::Es,
                "Alemania y Austria participaron en la operación contra Vexmoor el 3 de mayo de 2022. Francia no participó.",
            ),
            (
                Lang::De,
                "Deutschland und Österreich nahmen am 3. Mai 2022 an der Aktion gegen Vexmoor teil. Frankreich nahm nicht teil.",
            ),
        ] {
            let text = format!("Vexmoor\n\n{text}");
            assert_gives(Role::Participant, lang, &text, &["germany", "austria"]);
            let found = with_role(&text, lang, Role::Participant);
            assert!(!has(&found, "netherlands") && !has(&found, "france"), "{text}: {found:?}");
        }
        let text =
            "Vexmoor\n\nEuropol not only coordinated the action against Vexmoor on 3 May 2022, it also hosted it.";
        assert_gives(Role::CoordinatedBy, Lang::En, text, &["europol"]);
    }

    /// Groups a piece of malware spread, given by example, are its payloads: only the
    /// malware is the operation's target.
    #[test]
    fn payloads_of_a_botnet_are_not_targets() {
        let cases = [
            (Lang::En, "On 3 May 2022 police took down the Vexmoor botnet. The malware was used to spread ransomware such as Conti and REvil."),
            (Lang::Nl, "Op 3 mei 2022 haalde de politie het botnet Vexmoor offline. De malware werd gebruikt om ransomware te verspreiden, waaronder Conti en REvil."),
            (Lang::Fr, "Le 3 mai 2022, la police a démantelé le botnet Vexmoor. Le logiciel servait à installer des rançongiciels comme Conti ou REvil."),
        ];
        for (lang, text) in cases {
            let found = with_role(text, lang, Role::Target);
            assert!(has(&found, "vexmoor"), "{text}: {found:?}");
            assert!(!has(&found, "conti") && !has(&found, "revil"), "{text}: {found:?}");
        }
        // Named in a sentence about the action itself, they are targets.
        let text = "On 3 May 2022 police took down servers of the Conti and REvil ransomware groups.";
        let found = with_role(text, Lang::En, Role::Target);
        assert!(has(&found, "conti") && has(&found, "revil"), "{found:?}");
    }

    /// What was cracked was acted against: the encryption of a service unlocked, "het
    /// kraken van", "le déchiffrement de", "die Entschlüsselung von", "el descifrado de".
    #[test]
    fn a_cracked_service_is_the_target() {
        let cases = [
            (
                Lang::En,
                "On 9 March 2021 police in Belgium arrested 40 suspects after unlocking the encryption of Sky ECC.",
            ),
            (
                Lang::Nl,
                "Op 9 maart 2021 pakte de politie 40 verdachten op na het kraken van Sky ECC.",
            ),
            (
                Lang::Fr,
                "Le 9 mars 2021, la police a interpellé 40 suspects grâce au déchiffrement de Sky ECC.",
            ),
            (
                Lang::De,
                "Am 9. März 2021 nahm die Polizei 40 Verdächtige fest, nach der Entschlüsselung von Sky ECC.",
            ),
            (
                Lang::Es,
                "El 9 de marzo de 2021 la policía detuvo a 40 sospechosos tras el descifrado de Sky ECC.",
            ),
        ];
        for (lang, text) in cases {
            assert_gives(Role::Target, lang, text, &["sky-ecc"]);
        }
    }

    /// A date after "since" tells when a state began, whatever its precision; a place
    /// right after an agency's name is the agency's seat.
    #[test]
    fn since_a_month_and_an_agencys_seat() {
        let text = "Am 5. April 2022 haben Ermittler den Marktplatz Vexmoor abgeschaltet. Die Ermittlungen laufen seit August 2021, Behörden in den USA seien beteiligt gewesen.";
        assert_eq!(starts(text, Lang::De), [PartialDate::parse("2022-04-05")]);
        let text = "Das Bundeskriminalamt (BKA) in Wiesbaden teilte mit, am 5. April 2022 seien Server in Frankfurt beschlagnahmt worden.";
        let found = with_role(text, Lang::De, Role::Location);
        assert!(has(&found, "frankfurt") && !has(&found, "wiesbaden"), "{found:?}");
    }

    /// Who leads a criminal network does not lead the operation against it.
    #[test]
    fn the_leaders_of_a_network_do_not_lead_the_operation() {
        let text = "El 3 de mayo de 2022 la Policía Nacional desmanteló una red de narcotráfico. La red, dirigida por ciudadanos alemanes, operaba desde España.";
        assert!(with_role(text, Lang::Es, Role::LedBy).is_empty(), "{text}");
        let text = "On 3 May 2022 police broke up a ring led by two Dutch nationals.";
        assert!(with_role(text, Lang::En, Role::LedBy).is_empty(), "{text}");
        let text = "On 3 May 2022 police broke up a network allegedly led by a Dutch national.";
        assert!(with_role(text, Lang::En, Role::LedBy).is_empty(), "{text}");
        let text =
            "Le 3 mai 2022, la police a démantelé un réseau criminel présumé dirigé par un ressortissant marocain.";
        assert!(with_role(text, Lang::Fr, Role::LedBy).is_empty(), "{text}");
        // An operation led by a country's police still is.
        let text = "El 3 de mayo de 2022 una operación dirigida por la Guardia Civil desmanteló la red.";
        assert_gives(Role::LedBy, Lang::Es, text, &["guardia-civil"]);
    }

    /// Control taken over a service names it as the target.
    #[test]
    fn control_taken_over_a_service() {
        for (lang, text) in [
            (
                Lang::En,
                "On 20 June 2017 the Dutch police took control of Vexmoor Market.",
            ),
            (
                Lang::Nl,
                "Op 20 juni 2017 kreeg de politie het beheer over Vexmoor Market in handen.",
            ),
            (
                Lang::Fr,
                "Le 20 juin 2017, la police néerlandaise a pris le contrôle de Vexmoor Market.",
            ),
            (
                Lang::De,
                "Am 20. Juni 2017 übernahm die niederländische Polizei die Kontrolle über Vexmoor Market.",
            ),
            (
                Lang::Es,
                "El 20 de junio de 2017 la policía neerlandesa tomó el control de Vexmoor Market.",
            ),
        ] {
            assert_gives(Role::Target, lang, text, &["vexmoor"]);
        }
    }

    /// Who organised the operational activities coordinated them.
    #[test]
    fn who_organised_the_activities_coordinated() {
        let text = "The referral action day took place on 6 October 2020. Europol organised the operational activities in cooperation with Croatia.";
        assert_gives(Role::CoordinatedBy, Lang::En, text, &["europol"]);
    }

    /// A place between "organised" and what was organised: "organised at its seat in
    /// Lyon the third action day".
    #[test]
    fn organised_at_a_place_coordinated() {
        let text = "On 3-4 March 2021, Interpol organised at its seat in Lyon the third joint action days against online fraud.";
        assert_gives(Role::CoordinatedBy, Lang::En, text, &["interpol"]);
    }

    /// Who had the lead of an action leads it, in the five languages.
    #[test]
    fn who_had_the_lead_leads() {
        for (lang, text) in [
            (
                Lang::En,
                "Austria had the lead in the two-day action against the network in March 2022.",
            ),
            (
                Lang::De,
                "Österreich hatte bei der zweitägigen Aktion, die am 4. März 2022 endete, die Federführung.",
            ),
            (
                Lang::De,
                "Bei der Aktion im März 2022 lag die Federführung bei Österreich.",
            ),
            (
                Lang::Nl,
                "Oostenrijk had bij de tweedaagse actie in maart 2022 de leiding.",
            ),
            (
                Lang::Fr,
                "L'Autriche a pris la tête de l'opération menée en mars 2022 contre le réseau.",
            ),
            (
                Lang::Es,
                "Austria asumió la dirección de la operación contra la red en marzo de 2022.",
            ),
        ] {
            assert_gives(Role::LedBy, lang, text, &["austria"]);
        }
    }

    /// A passive takedown reaches its subject past a phrase of what the subject has, and
    /// past a day between the auxiliary and the participle.
    #[test]
    fn a_passive_takedown_reaches_past_a_with_phrase() {
        for (lang, text) in [
            (Lang::Nl, "Webstresser, met meer dan zeshonderd actieve gebruikers in Europa, is op 29 juni 2021 uit de lucht gehaald."),
            (Lang::Nl, "Webstresser is woensdag 30 juni 2021 uit de lucht gehaald."),
            (Lang::De, "Webstresser, mit 600 Nutzern, wurde am 29. Juni 2021 abgeschaltet."),
        ] {
            assert_gives(Role::Target, lang, text, &["webstresser"]);
        }
        assert_eq!(operations::skip_with_phrase(", with 600 users, "), " ");
        assert_eq!(
            operations::skip_with_phrase(", which had 600 users, "),
            ", which had 600 users, "
        );
    }

    /// A place after its preposition is where raids were coordinated, not who
    /// coordinated them.
    #[test]
    fn a_place_before_a_coordinating_word_does_not_coordinate() {
        let text = "Am 15. November 2022 seien in den Vereinigten Arabischen Emiraten koordinierte Razzien durchgeführt worden.";
        assert_gives_none(Role::CoordinatedBy, Lang::De, text);
        // A body after "at" is where another body sits, and that one still coordinates.
        let text = "On 15 November 2022 the EU Internet Referral Unit at Europol coordinated the action.";
        assert_gives(Role::CoordinatedBy, Lang::En, text, &["europol"]);
    }

    /// A Dutch subordinate clause puts the auxiliary between the participle and the
    /// agent: "dat ondersteund werd door Eurojust".
    #[test]
    fn a_dutch_auxiliary_before_the_agent() {
        let text =
            "Het onderzoek, dat ondersteund werd door Eurojust, leidde op 9 november 2023 tot vijf aanhoudingen.";
        assert_gives(Role::SupportedBy, Lang::Nl, text, &["eurojust"]);
        let text = "De actie, die gecoördineerd werd door Europol, vond plaats op 9 november 2023.";
        assert_gives(Role::CoordinatedBy, Lang::Nl, text, &["europol"]);
        let text = "De actie, die geleid wordt door het FBI, begon op 9 november 2023.";
        assert_gives(Role::LedBy, Lang::Nl, text, &["fbi"]);
    }

    /// A verb of telling after a comma ends a list: who tells is not listed.
    #[test]
    fn a_telling_verb_ends_the_list() {
        let text = "De actie in maart 2022 stond onder leiding van Oostenrijk, maakt Interpol dinsdag bekend.";
        assert_gives(Role::LedBy, Lang::Nl, text, &["austria"]);
        assert!(!has(&with_role(text, Lang::Nl, Role::LedBy), "interpol"));
        let text = "La operación de marzo de 2022 fue dirigida por Austria, señaló Interpol.";
        assert_gives(Role::LedBy, Lang::Es, text, &["austria"]);
        assert!(!has(&with_role(text, Lang::Es, Role::LedBy), "interpol"));
        // The plural verb, its subjects a list of their own.
        let text = "De actie in maart 2022 stond onder leiding van Oostenrijk, maakten het Openbaar \
                    Ministerie en Interpol bekend.";
        assert_gives(Role::LedBy, Lang::Nl, text, &["austria"]);
        assert!(!has(&with_role(text, Lang::Nl, Role::LedBy), "interpol"));
    }

    /// The separable particle of a verb of telling after a day makes it the telling's
    /// day, not the operation's.
    #[test]
    fn a_separable_telling_dates_nothing() {
        let ex = Extractor::builtin().expect("extractor");
        let text = "Oostenrijk heeft het netwerk opgerold, maakt de politie maandag bekend.";
        let published = PartialDate::parse("2022-03-09");
        let ops = ex
            .extract(report_from_str("t", text, Some(Lang::Nl), published))
            .operations;
        let days: Vec<_> = ops.iter().filter_map(|o| o.start).collect();
        assert!(!days.contains(&PartialDate::Day(2022, 3, 7)), "{days:?}");
    }

    /// The agent right after an arrest noun took part: "l'arrestation par la police
    /// espagnole", "die Festnahme durch die Polizei", "the arrest by Spanish police".
    #[test]
    fn the_agent_of_an_arrest_noun_takes_part() {
        for (lang, text) in [
            (
                Lang::Fr,
                "L'action de mars 2022 a permis l'arrestation par la police autrichienne d'un suspect.",
            ),
            (
                Lang::Fr,
                "L'action de mars 2022 a conduit à l'interpellation, par les autorités autrichiennes, d'un suspect.",
            ),
            (
                Lang::De,
                "Die Aktion im März 2022 führte zur Festnahme durch die österreichische Polizei.",
            ),
            (
                Lang::Es,
                "La operación de marzo de 2022 culminó con la detención por la policía austriaca de un sospechoso.",
            ),
            (
                Lang::En,
                "The operation in March 2022 led to the arrest by Austrian police of a suspect.",
            ),
        ] {
            assert_gives(Role::Participant, lang, text, &["austria"]);
        }
    }

    /// "appréhendées", "apprehended", "aprehendidos", "ont été arrêtés": arrests, and
    /// where they were made.
    #[test]
    fn apprehensions_are_arrests() {
        for (lang, text) in [
            (
                Lang::Fr,
                "Sept personnes ont été appréhendées en Autriche le 6 juillet 2023.",
            ),
            (
                Lang::Fr,
                "Sept personnes ont été arrêtées en Autriche le 6 juillet 2023.",
            ),
            (Lang::En, "Seven people were apprehended in Austria on 6 July 2023."),
            (
                Lang::Es,
                "Siete personas fueron aprehendidas en Austria el 6 de julio de 2023.",
            ),
        ] {
            assert_gives(Role::Location, lang, text, &["austria"]);
        }
        let counts = numbers::find_counts("siete aprehendidos", Lang::Es, &[]);
        assert_eq!(counts.first().and_then(|c| c.unit.as_deref()), Some("arrest"));
    }

    /// A French or Spanish participle of leading may hold commas before its agent: "menée
    /// conjointement, jeudi 6 juillet, par", "dirigida, el pasado jueves, por".
    #[test]
    fn commas_between_a_leading_participle_and_its_agent() {
        let text = "Une opération antiterroriste menée conjointement, jeudi 6 juillet 2023, par les polices autrichienne et slovène a conduit à sept arrestations.";
        assert_gives(Role::LedBy, Lang::Fr, text, &["austria", "slovenia"]);
        let text = "La operación del 6 de julio de 2023, dirigida, como en 2021, por la policía austriaca, terminó con siete detenidos.";
        assert_gives(Role::LedBy, Lang::Es, text, &["austria"]);
        // "conduit à" is "led to": what follows did not lead.
        let text =
            "L'opération de mars 2022 a conduit à l'interpellation, par les autorités autrichiennes, d'un suspect.";
        assert!(with_role(text, Lang::Fr, Role::LedBy).is_empty());
    }

    /// A Dutch or German relative clause, its verb last, says what the name before it did.
    #[test]
    fn a_relative_clause_with_its_verb_last() {
        for (lang, role, text, slug) in [
            (
                Lang::Nl,
                Role::LedBy,
                "Het Oostenrijkse parket, dat de actie in maart 2022 leidde, maakte dat bekend.",
                "austria",
            ),
            (
                Lang::Nl,
                Role::CoordinatedBy,
                "Volgens Interpol, dat de operatie in maart 2022 coördineerde, werden servers in beslag genomen.",
                "interpol",
            ),
            (
                Lang::De,
                Role::LedBy,
                "Das BKA, das die Aktion im März 2022 leitete, nahm drei Männer fest.",
                "bka",
            ),
            (
                Lang::De,
                Role::CoordinatedBy,
                "Interpol, die die Aktion im März 2022 koordinierte, teilte das mit.",
                "interpol",
            ),
        ] {
            assert_gives(role, lang, text, &[slug]);
        }
    }

    /// A service taken down before the told action ("after the takedown of X", "na het
    /// kraken van X") is not its target.
    #[test]
    fn an_earlier_takedown_is_no_target() {
        for (lang, text) in [
            (
                Lang::En,
                "On 9 March 2021 Dutch police took down Sky ECC, which grew popular after the takedown of EncroChat.",
            ),
            (
                Lang::Nl,
                "De politie heeft Sky ECC op 9 maart 2021 offline gehaald. De dienst werd na het kraken van EncroChat populair.",
            ),
            (
                Lang::Nl,
                "De politie heeft Sky ECC op 9 maart 2021 offline gehaald. \"Het is weer gelukt\", zei de politiechef, verwijzend naar het kraken van EncroChat.",
            ),
        ] {
            let targets = with_role(text, lang, Role::Target);
            assert!(has(&targets, "sky-ecc"), "{targets:?}");
            assert!(!has(&targets, "encrochat"), "{targets:?}");
        }
    }

    /// A length in a sentence that names no action ("messages were kept for 48 hours")
    /// is not the operation's.
    #[test]
    fn a_length_without_an_action_is_not_the_operations() {
        let text = "Dutch police took down the Vexmoor Chat service on 9 March 2021. Messages were kept on its servers for 48 hours.";
        let ops = operations(text, None);
        assert!(
            ops.iter().all(|o| o.end.is_none()),
            "{:?}",
            ops.iter().map(|o| o.end).collect::<Vec<_>>()
        );
        let text = "Dutch police took down the Vexmoor Chat service in a two-day operation on 9 March 2021.";
        let ops = operations(text, None);
        assert!(ops.iter().any(|o| o.end == PartialDate::parse("2021-03-10")));
    }

    /// A participle that describes people ("the suspects arrested came in February
    /// 2022") dates no operation of its own.
    #[test]
    fn a_participle_describing_people_dates_nothing() {
        for (lang, text) in [
            (
                Lang::Fr,
                "Le 6 juillet 2023, la police autrichienne a arrêté sept personnes. Les sept suspects appréhendés sont arrivés en février 2022.",
            ),
            (
                Lang::En,
                "On 6 July 2023 Austrian police arrested seven people. The seven suspects arrested had come in February 2022.",
            ),
        ] {
            let ex = Extractor::builtin().expect("extractor");
            let ops = ex.extract(report_from_str("t", text, Some(lang), None)).operations;
            let starts: Vec<_> = ops.iter().map(|o| o.start).collect();
            assert!(!starts.contains(&PartialDate::parse("2022-02")), "{text}: {starts:?}");
        }
    }

    /// A separable verb of taking part around a long list of countries.
    #[test]
    fn a_separable_verb_around_a_long_list() {
        let text = "In april 2018 deden Bulgarije, Frankrijk, Roemenië, het Verenigd Koninkrijk, Canada en de Verenigde Staten mee aan de actie.";
        assert_gives(
            Role::Participant,
            Lang::Nl,
            text,
            &["bulgaria", "united-kingdom", "canada", "united-states"],
        );
        let text = "Im April 2018 nahmen Bulgarien, Frankreich, Rumänien, das Vereinigte Königreich, Kanada und die Vereinigten Staaten an der Aktion teil.";
        assert_gives(
            Role::Participant,
            Lang::De,
            text,
            &["bulgaria", "united-kingdom", "canada", "united-states"],
        );
    }

    /// A demonym right before another country's body: "het Belgische Openbaar
    /// Ministerie" is Belgium's prosecution, not the Dutch one.
    #[test]
    fn a_demonym_before_another_countrys_body() {
        for text in [
            "Het Belgische Openbaar Ministerie leidde de actie in april 2018.",
            // Its abbreviation in brackets is the same body.
            "Het Belgische Openbaar Ministerie (OM), dat de actie in april 2018 leidde, maakte dat bekend.",
        ] {
            let leaders = with_role(text, Lang::Nl, Role::LedBy);
            assert!(has(&leaders, "belgium"), "{leaders:?}");
            assert!(!leaders.iter().any(|e| e.contains("nl-")), "{leaders:?}");
        }
    }

    /// French officers "en" or "au" a country are that country acting.
    #[test]
    fn french_officers_in_a_country_take_part() {
        let text = "Le 15 mai 2019, plus de 450 officiers en Pologne, au Royaume-Uni et en Espagne ont mené des raids contre le réseau.";
        assert_gives(
            Role::Participant,
            Lang::Fr,
            text,
            &["poland", "united-kingdom", "spain"],
        );
    }

    /// Where an operation took place, or arrested, in the four other languages.
    #[test]
    fn where_it_took_place() {
        for (lang, text) in [
            (
                Lang::De,
                "Die Operation fand am 3. Mai 2022 in Österreich, Bulgarien und Kroatien statt.",
            ),
            (
                Lang::Nl,
                "De actie vond op 3 mei 2022 plaats in Oostenrijk, Bulgarije en Kroatië.",
            ),
            (
                Lang::Fr,
                "L'opération s'est déroulée le 3 mai 2022 en Autriche, en Bulgarie et en Croatie.",
            ),
            (
                Lang::Es,
                "La operación tuvo lugar el 3 de mayo de 2022 en Austria, Bulgaria y Croacia.",
            ),
            (Lang::De, "Bei der Aktion am 3. Mai 2022 wurden Männer in Österreich, Bulgarien und Kroatien gefasst."),
            (
                Lang::De,
                "Nach der Aktion am 3. Mai 2022 beantragte Belgien die Auslieferung der in Österreich, Bulgarien und Kroatien festgenommenen Männer.",
            ),
        ] {
            assert_gives(Role::Location, lang, text, &["austria", "bulgaria", "croatia"]);
        }
    }

    /// A company before a verb of arresting is the object of the verb before it.
    #[test]
    fn a_company_does_not_arrest() {
        let text = "On 2 May 2023 police from nine countries seized the dark web marketplace ‘Vexmoor Market’ and arrested 288 suspects.";
        assert!(with_role(text, Lang::En, Role::Partner).is_empty(), "{text}");
        assert_gives(Role::Target, Lang::En, text, &["vexmoor"]);
    }

    /// Dutch: who took something down, "te halen" as a goal, raids somewhere, a JIT of
    /// two countries.
    #[test]
    fn dutch_takedowns_raids_and_joint_teams() {
        let text =
            "Op 2 juli 2020 werd de chatdienst Vexmoor uit de lucht gehaald door de politie in Nederland en Frankrijk.";
        let found = with_role(text, Lang::Nl, Role::Participant);
        assert!(has(&found, "netherlands") && has(&found, "france"), "{found:?}");
        assert!(with_role(text, Lang::Nl, Role::Location).is_empty(), "{text}");
        let text = "Op 2 juli 2020 zijn internationale politiediensten erin geslaagd de chatdienst ‘Vexmoor’ uit de lucht te halen.";
        assert_gives(Role::Target, Lang::Nl, text, &["vexmoor"]);
        let text = "Op 2 juli 2020 deden duizend politiemensen invallen in België, Hongarije, Slowakije en Spanje.";
        assert_gives(
            Role::Location,
            Lang::Nl,
            text,
            &["belgium", "hungary", "slovakia", "spain"],
        );
        let text = "Op 2 juli 2020 volgde de actie op een Joint Investigation Team (JIT) van Nederland en Spanje.";
        assert_gives(Role::Participant, Lang::Nl, text, &["netherlands", "spain"]);
    }

    /// Servers closed somewhere say where it acted; Spanish authorities that arrested
    /// took part; the I'lam Foundation is an outlet.
    #[test]
    fn closed_servers_spanish_arrests_and_the_ilam_foundation() {
        let text = "El 14 de junio de 2023 se han cerrado servidores en Alemania e Islandia, y las autoridades españolas han arrestado a nueve personas vinculadas a la Fundación I'LAM.";
        assert_gives(Role::Location, Lang::Es, text, &["germany", "iceland"]);
        assert_gives(Role::Participant, Lang::Es, text, &["spain"]);
        // Where servers were closed did not arrest anyone.
        let found = with_role(text, Lang::Es, Role::Participant);
        assert!(!has(&found, "germany") && !has(&found, "iceland"), "{found:?}");
        assert_gives(Role::Target, Lang::Es, text, &["ilam-foundation"]);
        let text = "On 14 June 2023 police closed servers in Iceland linked to the I'lam Foundation.";
        assert_gives(Role::Location, Lang::En, text, &["iceland"]);
    }

    /// "run by" leads an operation, not a forum or a platform someone runs.
    #[test]
    fn run_by_leads_only_an_operation() {
        let text = "On 11 January 2018 the EU IRU held a referral action day with police from Belgium. It took place within the EU Internet Forum, run by the European Commission.";
        assert!(with_role(text, Lang::En, Role::LedBy).is_empty(), "{text}");
        let text = "On 11 January 2018 police raided the Vexmoor market in an operation run by the Guardia Civil.";
        assert_gives(Role::LedBy, Lang::En, text, &["guardia-civil"]);
        let text = "On 11 January 2018 the Vexmoor market was closed. The raid was run by the Guardia Civil.";
        assert_gives(Role::LedBy, Lang::En, text, &["guardia-civil"]);
    }

    /// A heading that announces the services that took part, then a list of them.
    #[test]
    fn a_list_of_the_services_that_took_part() {
        let lists = [
            (Lang::Fr, "Le 8 novembre 2023, la police a démantelé le réseau Vexmoor.\n\nServices de police ayant participé aux opérations :\n\n  • Espagne : Guardia Civil\n  • Belgique : Police Fédérale\n"),
            (Lang::Es, "El 8 de noviembre de 2023 la policía desarticuló la red Vexmoor.\n\nServicios policiales que participaron:\n\n  • España: Guardia Civil\n  • Bélgica: Policía Federal\n"),
            (Lang::En, "On 8 November 2023 police dismantled the Vexmoor network.\n\nLaw enforcement agencies involved:\n\n  • Spain: Guardia Civil\n  • Belgium: Federal Police\n"),
        ];
        for (lang, text) in lists {
            assert_gives(Role::Participant, lang, text, &["guardia-civil", "belgium"]);
        }
    }

    /// The people behind a service name it as what the operation acted against.
    #[test]
    fn those_behind_a_service_name_the_target() {
        let cases = [
            (
                Lang::En,
                "On 2 May 2019 police arrested the three alleged administrators of the Vexmoor Market in Germany.",
            ),
            (
                Lang::Nl,
                "Op 2 mei 2019 pakte de politie de drie beheerders van Vexmoor Market op.",
            ),
            (
                Lang::Fr,
                "Le 2 mai 2019, la police a interpellé les administrateurs présumés de Vexmoor Market.",
            ),
            (
                Lang::De,
                "Am 2. Mai 2019 nahm die Polizei die drei mutmaßlichen Betreiber von \"Vexmoor Market\" fest.",
            ),
            (
                Lang::De,
                "Am 2. Mai 2019 nahm die Polizei einen Mann fest, den Administrator des Vexmoor Market.",
            ),
            (
                Lang::Es,
                "El 2 de mayo de 2019 la policía detuvo a los administradores de Vexmoor Market.",
            ),
        ];
        for (lang, text) in cases {
            assert_gives(Role::Target, lang, text, &["vexmoor"]);
        }
    }

    /// The part a body played names its role: "with Eurojust playing a coordinating
    /// role", "played a leading role", "spielte eine koordinierende Rolle".
    #[test]
    fn the_role_a_body_played() {
        let cases = [
            (Lang::En, Role::CoordinatedBy, "On 3 May 2022 police shut down the Vexmoor market, with Eurojust playing a “coordinating role”.", "eurojust"),
            (Lang::En, Role::LedBy, "The FBI played a leading role in the takedown of the Vexmoor market on 3 May 2022.", "fbi"),
            (Lang::En, Role::SupportedBy, "On 3 May 2022 police shut down the Vexmoor market; Europol played a key supporting role.", "europol"),
            (Lang::Fr, Role::CoordinatedBy, "Le 3 mai 2022, la police a fermé le marché Vexmoor. Eurojust a joué un rôle de coordination.", "eurojust"),
            (Lang::De, Role::CoordinatedBy, "Am 3. Mai 2022 schloss die Polizei den Marktplatz Vexmoor. Eurojust spielte eine koordinierende Rolle.", "eurojust"),
            (Lang::Es, Role::CoordinatedBy, "El 3 de mayo de 2022 la policía cerró el mercado Vexmoor. Eurojust desempeñó un papel de coordinación.", "eurojust"),
            (Lang::Nl, Role::CoordinatedBy, "Op 3 mei 2022 sloot de politie de markt Vexmoor. Eurojust speelde een coördinerende rol.", "eurojust"),
        ];
        for (lang, role, text, slug) in cases {
            assert_gives(role, lang, text, &[slug]);
        }
        // The one who played it opens its own phrase: the list before it took part.
        let text = "On 3 May 2022 the Vexmoor market was shut down. The takedown involved police from Spain, Italy and France, with Europol playing a coordinating role.";
        assert_eq!(with_role(text, Lang::En, Role::CoordinatedBy), ["europol"]);
    }

    /// "Europol a annoncé avoir coordonné, la veille, une journée d'action": who said it
    /// coordinated did; ", dont l'Allemagne" goes on the list ("including").
    #[test]
    fn french_announced_coordination_and_a_list_after_dont() {
        let text = "Vexmoor\n\nEuropol a annoncé mercredi avoir coordonné, la veille, une journée d'action contre le \
                    forum Vexmoor. Des contenus ont été signalés par des enquêteurs de six pays, dont l'Autriche et \
                    la Pologne.";
        assert_gives(Role::CoordinatedBy, Lang::Fr, text, &["europol"]);
        assert_gives(Role::Participant, Lang::Fr, text, &["austria", "poland"]);
        // A relative "dont" still ends the list.
        let text =
            "Vexmoor\n\nLe forum Vexmoor a été fermé le 3 mai 2022 par Europol, dont le siège est situé aux Pays-Bas.";
        let found = with_role(text, Lang::Fr, Role::Participant);
        assert!(!has(&found, "netherlands"), "{found:?}");
    }

    /// The subject before a phrase in commas that opens with a few words and then a cue
    /// ("La Guardia Civil, en el marco de una operación coordinada por Europol, ha
    /// detenido") acted; Spanish "Policía Federal de Bélgica" is Belgium's, not Brazil's.
    #[test]
    fn a_subject_before_a_phrase_that_opens_with_words_took_part() {
        let text =
            "Vexmoor\n\nLa Guardia Civil, en el marco de una operación coordinada por Europol y en colaboración \
                    con la Policía Federal de Bélgica, ha detenido el 7 de marzo de 2023 a cuatro miembros de Vexmoor.";
        assert_gives(
            Role::Participant,
            Lang::Es,
            text,
            &["guardia-civil", "be-federal-police"],
        );
        assert_gives(Role::CoordinatedBy, Lang::Es, text, &["europol"]);
        let found = with_role(text, Lang::Es, Role::Participant);
        assert!(!has(&found, "br-federal-police"), "{found:?}");
        let text = "Vexmoor\n\nThe Hellenic Police, as part of an operation coordinated by Europol, arrested four \
                    members of Vexmoor on 7 March 2023.";
        assert_gives(Role::Participant, Lang::En, text, &["gr-police"]);
    }

    /// "X, supported by Europol, have dismantled": the auxiliary after the phrase's comma
    /// does not make the phrase's names the subject; "in enger Zusammenarbeit mit", "in
    /// nauwe samenwerking met", "en étroite collaboration avec", "en estrecha colaboración
    /// con" are cues; "X van de Nederlandse politie" is X's owner, not a second leader.
    #[test]
    fn phrases_in_commas_close_cooperation_and_owners() {
        let text =
            "Vexmoor\n\nAuthorities from Latvia, supported by Europol and Eurojust, have dismantled the Vexmoor \
                    network on 9 May 2023.";
        let found = with_role(text, Lang::En, Role::Participant);
        assert!(
            has(&found, "latvia") && !has(&found, "europol") && !has(&found, "eurojust"),
            "{found:?}"
        );
        for (lang, text) in [
            (Lang::De, "Das BKA hat in enger Zusammenarbeit mit Europol am 9. Mai 2023 die Bande Vexmoor zerschlagen."),
            (Lang::Nl, "De FIOD heeft in nauwe samenwerking met Europol op 9 mei 2023 de bende Vexmoor opgerold."),
            (Lang::Fr, "La gendarmerie a démantelé le 9 mai 2023 le réseau Vexmoor en étroite collaboration avec Europol."),
            (Lang::Es, "La Guardia Civil desarticuló el 9 de mayo de 2023 la red Vexmoor en estrecha colaboración con Europol."),
        ] {
            assert_gives(Role::Participant, lang, &format!("Vexmoor\n\n{text}"), &["europol"]);
        }
        let text =
            "Vexmoor\n\nOp 9 mei 2023 is de bende Vexmoor opgerold. Het onderzoek werd geleid door het Team High \
                    Tech Crime van de Nederlandse politie.";
        let leaders = with_role(text, Lang::Nl, Role::LedBy);
        assert!(leaders.len() == 1 && has(&leaders, "nl-nhtcu"), "{leaders:?}");
        let text = "Vexmoor\n\nAm 9. Mai 2023 haben Polizisten in Lettland die Bande Vexmoor zerschlagen.";
        assert_gives(Role::Participant, Lang::De, text, &["latvia"]);
        // Right after another cue, the officers of a country are that cue's, as "with the
        // help of authorities in X" makes X a supporter.
        let text =
            "Vexmoor\n\nAm 9. Mai 2023 wurde die Bande Vexmoor zerschlagen, mit Hilfe von Polizisten in Lettland.";
        assert_gives(Role::SupportedBy, Lang::De, text, &["latvia"]);
        // The court's number stands between it and its owner.
        let text = "Vexmoor\n\nLa operación, dirigida por el Juzgado Central de Instrucción número 2 de la Audiencia \
                    Nacional, culminó el 3 de mayo de 2022 con la detención de cinco miembros de la red Vexmoor.";
        let leaders = with_role(text, Lang::Es, Role::LedBy);
        assert!(
            leaders.len() == 1 && has(&leaders, "es-central-instruction-court"),
            "{leaders:?}"
        );
    }

    /// "Europol and national authorities from Latvia and Poland disrupted X": the name
    /// joined to the authorities' noun takes part with the countries.
    #[test]
    fn a_name_joined_to_authorities_from_countries_takes_part() {
        for (lang, text) in [
            (
                Lang::En,
                "On 9 May 2023 Europol and national authorities from Latvia and Poland disrupted the Vexmoor forum.",
            ),
            (
                Lang::Nl,
                "Op 9 mei 2023 hebben Europol en de autoriteiten van Letland en Polen het forum Vexmoor verstoord.",
            ),
        ] {
            assert_gives(
                Role::Participant,
                lang,
                &format!("Vexmoor\n\n{text}"),
                &["europol", "latvia", "poland"],
            );
        }
        // Not a name the phrase before gave another role.
        let text = "Vexmoor\n\nOn 9 May 2023 the forum Vexmoor was shut down with the help of Eurojust and \
                    authorities from Latvia.";
        let found = with_role(text, Lang::En, Role::Participant);
        assert!(!has(&found, "eurojust"), "{found:?}");
    }

    #[test]
    fn one_agency_that_took_part_took_part() {
        for (lang, text, actor) in [
            (
                Lang::Es,
                "El 3 de mayo de 2023 se desmanteló la red Vexmoor. La agencia estadounidense DEA también participó.",
                "us-dea",
            ),
            (
                Lang::Nl,
                "Op 3 mei 2023 werd het netwerk Vexmoor opgerold. Ook de FBI nam deel aan de actie.",
                "fbi",
            ),
            (
                Lang::De,
                "Am 3. Mai 2023 wurde das Netzwerk Vexmoor zerschlagen. Auch das FBI beteiligte sich.",
                "fbi",
            ),
            (
                Lang::Fr,
                "Le 3 mai 2023, le réseau Vexmoor a été démantelé. Le FBI a pris part à l'opération.",
                "fbi",
            ),
            // The subject after the verb: "à laquelle a également participé X".
            (
                Lang::Fr,
                "Le 3 mai 2023, une opération a visé le réseau Vexmoor. La France a piloté l'opération, à \
                 laquelle a également participé le FBI.",
                "fbi",
            ),
        ] {
            let text = format!("Vexmoor\n\n{text}");
            let found = with_role(&text, lang, Role::Participant);
            assert!(has(&found, actor), "{text}: {found:?}");
        }
        // German lists run on through "und die": "die" is an article there.
        let text = "Vexmoor\n\nAm 3. Mai 2023 wurde das Netzwerk Vexmoor zerschlagen. Zu den beteiligten Staaten \
                    gehörten Spanien, Polen und die USA.";
        let found = with_role(text, Lang::De, Role::Participant);
        assert!(
            has(&found, "united-states") && has(&found, "poland"),
            "{text}: {found:?}"
        );
    }

    #[test]
    fn arrests_and_seizures_told_with_a_finite_verb_are_operations() {
        let ex = Extractor::builtin().expect("extractor");
        for (lang, text) in [
            (
                Lang::De,
                "Am 3. Mai 2023 nahm die Polizei 4 Verdächtige fest und stellte mindestens 2 Millionen Euro sicher.",
            ),
            (
                Lang::Es,
                "El 3 de mayo de 2023, la policía detuvo a 4 sospechosos e intervino al menos 2 millones de euros.",
            ),
            (
                Lang::Nl,
                "Op 3 mei 2023 arresteerde de politie 4 verdachten en nam minstens 2 miljoen euro in beslag.",
            ),
            (
                Lang::Fr,
                "Le 3 mai 2023, la police a arrêté 4 suspects et saisi au moins 2 millions d'euros.",
            ),
        ] {
            let text = format!("Vexmoor\n\n{text}");
            let ops = ex.extract(report_from_str("t", &text, Some(lang), None)).operations;
            assert_eq!(ops.len(), 1, "{text}: {ops:?}");
            let counts: Vec<(f64, Qualifier)> = ops[0].counts.iter().map(|c| (c.value, c.qualifier)).collect();
            assert!(counts.contains(&(4.0, Qualifier::Exact)), "{text}: {counts:?}");
            assert!(
                counts.contains(&(2_000_000.0, Qualifier::MoreThan)),
                "{text}: {counts:?}"
            );
        }
    }

    #[test]
    fn who_arrested_seized_or_searched_took_part() {
        for (lang, text) in [
            (
                Lang::Nl,
                "Op 3 mei 2023 heeft de Belgische politie in Antwerpen 4 verdachten aangehouden.",
            ),
            (Lang::Nl, "Op 3 mei 2023 hield de Belgische politie 4 verdachten aan."),
            (
                Lang::De,
                "Am 3. Mai 2023 hat die belgische Polizei 4 Verdächtige festgenommen.",
            ),
            (
                Lang::De,
                "Am 3. Mai 2023 nahm die belgische Polizei 4 Verdächtige fest.",
            ),
            (
                Lang::De,
                "Die belgische Polizei durchsuchte am 3. Mai 2023 zwölf Wohnungen.",
            ),
            (Lang::Fr, "Le 3 mai 2023, la police belge a interpellé 4 suspects."),
        ] {
            let found = with_role(text, lang, Role::Participant);
            assert!(has(&found, "belgium"), "{text}: {found:?}");
        }
    }

    #[test]
    fn a_list_inside_a_verb_of_taking_part_after_another_name() {
        for (lang, text) in [
            (
                Lang::Nl,
                "Op 25 april 2018 vond een actie tegen Amaq plaats. Naast België namen ook Frankrijk, Bulgarije en Roemenië deel.",
            ),
            (
                Lang::De,
                "Am 25. April 2018 fand eine Aktion gegen Amaq statt. Neben Belgien nahmen auch Frankreich, Bulgarien und Rumänien teil.",
            ),
        ] {
            let found = with_role(text, lang, Role::Participant);
            for who in ["belgium", "france", "bulgaria", "romania"] {
                assert!(has(&found, who), "{who} in {text}: {found:?}");
            }
        }
    }

    #[test]
    fn who_joined_in_or_made_the_arrests_took_part() {
        for (lang, text, who) in [
            (
                Lang::Nl,
                "Op 22 oktober 2024 vond een actie tegen Vexmoor plaats. Aan de actie deden ook de Belgische en de Spaanse politie mee.",
                &["belgium", "spain"][..],
            ),
            (
                Lang::De,
                "Am 22. Oktober 2024 fand eine Aktion gegen Vexmoor statt. Aus Deutschland beteiligte sich das Bundeskriminalamt.",
                &["bka"][..],
            ),
            (
                Lang::De,
                "Die Bundesanwaltschaft hat am 11. Januar 2024 in Essen zwei Anhänger der Gruppe Vexmoor festnehmen lassen.",
                &["de-gba"][..],
            ),
            (
                Lang::En,
                "Four men were arrested in Ceuta on 12 November 2024. The arrests were made by the Guardia Civil.",
                &["guardia-civil"][..],
            ),
            (
                Lang::En,
                "British counter-terrorism police, working alongside Europol and officers in Spain, have taken down \
                 dozens of websites on 3 May 2024.",
                &["united-kingdom", "europol", "spain"][..],
            ),
            (
                Lang::En,
                "In February 2024, the Guardia Civil and Europol removed some 800 items linked to al-Qaeda.",
                &["guardia-civil", "europol"][..],
            ),
        ] {
            let found = with_role(text, lang, Role::Participant);
            for w in who {
                assert!(has(&found, w), "{w} in {text}: {found:?}");
            }
        }
    }

    #[test]
    fn whoever_investigates_the_case_takes_part() {
        for (lang, text, who) in [
            (
                Lang::En,
                "On 4 March 2024 the servers of Vexmoor were seized. The FBI investigated the case.",
                "fbi",
            ),
            (
                Lang::Fr,
                "Le 4 mars 2024, le réseau Vexmoor a été démantelé. L'enquête, confiée à la DGSI, a duré un an.",
                "dgsi",
            ),
            (
                Lang::Es,
                "El 4 de marzo de 2024 se desmanteló la red Vexmoor. La investigación, encomendada a la Guardia Civil, duró un año.",
                "guardia-civil",
            ),
        ] {
            let found = with_role(text, lang, Role::Participant);
            assert!(has(&found, who), "{who} in {text}: {found:?}");
        }
    }

    #[test]
    fn whose_servers_were_taken_is_the_target() {
        for (lang, text) in [
            (
                Lang::En,
                "On 4 March 2024 police copied the servers behind Corvid Market.",
            ),
            (
                Lang::Nl,
                "Op 4 maart 2024 haalde de politie de servers van de chatdienst Corvid uit de lucht.",
            ),
            (
                Lang::De,
                "Am 4. März 2024 schaltete das BKA die Infrastruktur der Handelsplattform Corvid ab.",
            ),
            (
                Lang::De,
                "Die Serverinfrastruktur der Plattform \"Corvid\" sei am 4. März 2024 in einer koordinierten Aktion abgeschaltet worden.",
            ),
            (
                Lang::Fr,
                "Le 4 mars 2024, les gendarmes ont saisi les serveurs du forum Corvid.",
            ),
            (
                Lang::Es,
                "El 4 de marzo de 2024 la policía intervino los servidores de la plataforma Corvid.",
            ),
        ] {
            let found = with_role(text, lang, Role::Target);
            assert!(found.iter().any(|e| e.contains("corvid")), "{text}: {found:?}");
        }
    }

    #[test]
    fn where_servers_were_taken_down_is_a_location() {
        let found = with_role(
            "On 4 March 2024 officers took down 34 servers in Finland and Poland.",
            Lang::En,
            Role::Location,
        );
        for c in ["finland", "poland"] {
            assert!(has(&found, c), "{c}: {found:?}");
        }
    }

    #[test]
    fn a_name_in_apposition_with_its_kind_is_named() {
        let text =
            "On 4 March 2024 German police shut down Corvid, a cryptocurrency mixing service used by ransomware gangs.";
        let found = with_role(text, Lang::En, Role::Target);
        assert!(found.iter().any(|e| e.contains("corvid")), "{found:?}");
        // An apposition that does not close names nothing, and a sentence adverb is no
        // name.
        let ex = Extractor::builtin().expect("extractor");
        for (text, adverb) in [
            ("Suddenly, the platform was shut down by police.", "suddenly"),
            (
                "Meanwhile, the app, used by criminals, was shut down on 4 March 2024.",
                "meanwhile",
            ),
        ] {
            let r = ex.extract(report_from_str("t", text, Some(Lang::En), None));
            let keys: Vec<&str> = r.entities.iter().map(|e| e.key.as_str()).collect();
            assert!(keys.iter().all(|k| !k.contains(adverb)), "{keys:?}");
        }
    }

    #[test]
    fn a_date_between_carried_out_and_by_keeps_the_actor() {
        let found = with_role(
            "The takedown of Corvid, carried out on 13 March 2023 by the Bundeskriminalamt, ended the service.",
            Lang::En,
            Role::Participant,
        );
        assert!(has(&found, "bka"), "{found:?}");
    }

    #[test]
    fn a_name_that_speaks_after_a_comma_ends_the_list() {
        let text = "The platform was taken down on 3 May 2021 after an investigation led by the Bundeskriminalamt, Europol announced.";
        let led = with_role(text, Lang::En, Role::LedBy);
        assert!(has(&led, "bka"), "{led:?}");
        assert!(!has(&led, "europol"), "{led:?}");
        // A list goes on through commas when nobody speaks.
        let led = with_role(
            "The raid on 3 May 2021 was led by the Bundeskriminalamt, Europol and Eurojust.",
            Lang::En,
            Role::LedBy,
        );
        assert!(has(&led, "europol"), "{led:?}");
    }

    #[test]
    fn a_dutch_participle_of_breaking_in_closes_its_object_and_subject() {
        let text = "De Belgische en Nederlandse politie hebben op 9 maart 2021 de berichtendienst Corvid gekraakt.";
        let targets = with_role(text, Lang::Nl, Role::Target);
        assert!(targets.iter().any(|e| e.contains("corvid")), "{targets:?}");
        let actors = with_role(text, Lang::Nl, Role::Participant);
        for c in ["belgium", "netherlands"] {
            assert!(has(&actors, c), "{c}: {actors:?}");
        }
    }

    #[test]
    fn a_span_that_ends_near_publication_dates_the_main_operation() {
        let ops = operations(
            "A global operation coordinated by Interpol has led to 3,500 arrests. Operation Granite Tide ran from March to May 2023.",
            Some("2023-06-20"),
        );
        assert_eq!(ops.len(), 1, "{ops:?}");
        assert_eq!(ops[0].start, PartialDate::parse("2023-03"), "{ops:?}");
    }

    #[test]
    fn the_text_before_a_byte_starts_on_a_char() {
        let text = "placées en garde à vue à Madrid";
        let at = text.find("Madrid").unwrap_or(0);
        for max in 1..=at {
            let before = text_before(text, at, max);
            assert!(before.len() >= max && text[..at].ends_with(before), "{max}: {before:?}");
        }
        assert_eq!(text_before(text, at, 0), "");
        assert_eq!(text_before(text, at, 1000), &text[..at]);
    }

    #[test]
    fn companies_along_with_the_participants_are_partners() {
        let found = with_role(
            "On 21 November 2019 officials from nine countries took part, along with Telegram and Google.",
            Lang::En,
            Role::Partner,
        );
        for c in ["telegram", "google"] {
            assert!(found.iter().any(|e| e.contains(c)), "{c}: {found:?}");
        }
    }

    #[test]
    fn spanish_verbs_of_taking_part_before_their_subjects() {
        let found = with_role(
            "El 1 de octubre de 2019 la Policía Nacional detuvo a cuatro personas. En la operación han colaborado los servicios de inteligencia de Marruecos.",
            Lang::Es,
            Role::Participant,
        );
        assert!(has(&found, "morocco"), "{found:?}");
    }

    #[test]
    fn custody_and_dismantling_name_where_the_operation_acted() {
        for (lang, text, place) in [
            (
                Lang::Fr,
                "Le 24 juin 2020, la police a démantelé un trafic. Deux personnes ont été placées en garde à vue à Madrid.",
                "madrid",
            ),
            (
                Lang::Es,
                "El 1 de octubre de 2019 la Policía Nacional ha desarticulado en Ceuta una célula yihadista.",
                "ceuta",
            ),
            // Where servers were taken offline or a network dismantled.
            (
                Lang::Nl,
                "Op 21 november 2019 zijn servers in Canada uit de lucht gehaald.",
                "canada",
            ),
            (
                Lang::De,
                "Am 21. November 2019 wurden Server in Kanada vom Netz genommen.",
                "canada",
            ),
            (
                Lang::En,
                "On 21 November 2019 a drug network was dismantled in Portugal.",
                "portugal",
            ),
        ] {
            let found = with_role(text, lang, Role::Location);
            assert!(has(&found, place), "{place} in {text}: {found:?}");
        }
    }

    #[test]
    fn a_list_of_participating_authorities_names_participants() {
        for (lang, text) in [
            (
                Lang::En,
                "On 17 January 2024 police arrested 38 suspects in an action day against Vexmoor.\n\n\
                 Participating authorities:\nBelgium: Federal Judicial Police\nItaly: Polizia di Stato\n\n\
                 Europol supported the action.",
            ),
            (
                Lang::De,
                "Am 17. Januar 2024 wurden bei einem Aktionstag gegen Vexmoor 38 Verdächtige festgenommen.\n\n\
                 Beteiligte Behörden:\n- Belgien: Federal Judicial Police\n- Italien: Polizia di Stato",
            ),
        ] {
            let found = with_role(text, lang, Role::Participant);
            for who in ["belgium", "it-polizia-di-stato"] {
                assert!(has(&found, who), "{who} in {text}: {found:?}");
            }
            // The list ends with its block.
            assert!(!has(&found, "europol"), "{found:?}");
        }
    }

    #[test]
    fn provinces_of_places_leaders_of_passive_investigations_and_cooperation_with() {
        let text = "El 3 de mayo de 2024 han sido detenidas 19 personas en las provincias de Cádiz, Málaga y Huelva.";
        let found = with_role(text, Lang::Es, Role::Location);
        for place in ["cadiz", "malaga", "huelva"] {
            assert!(has(&found, place), "{place}: {found:?}");
        }
        let text = "Am 3. Mai 2024 wurden vier Männer festgenommen. Die Ermittlungen werden von der Staatsanwaltschaft Dresden geführt.";
        assert!(has(&with_role(text, Lang::De, Role::LedBy), "dresden"));
        let text = "Op 3 mei 2024 werden drie verdachten aangehouden. Bij het onderzoek werd samengewerkt met de Ecuadoraanse politie.";
        assert!(has(&with_role(text, Lang::Nl, Role::Participant), "ecuador"));
    }

    #[test]
    fn the_other_side_of_a_joint_operation_took_part() {
        for (lang, text) in [
            (
                Lang::En,
                "On 3 May 2023 police arrested 4 suspects in a joint operation with the Guardia Civil.",
            ),
            (
                Lang::Es,
                "El 3 de mayo de 2023 se detuvo a 4 personas en una operación conjunta con la Guardia Civil.",
            ),
            (
                Lang::Fr,
                "Le 3 mai 2023, 4 suspects ont été arrêtés lors d'une opération conjointe avec la Guardia Civil.",
            ),
            (
                Lang::Nl,
                "Op 3 mei 2023 werden 4 verdachten aangehouden in een gezamenlijke actie met de Guardia Civil.",
            ),
            (
                Lang::De,
                "Am 3. Mai 2023 wurden in einer gemeinsamen Aktion mit der Guardia Civil 4 Verdächtige festgenommen.",
            ),
        ] {
            let found = with_role(text, lang, Role::Participant);
            assert!(has(&found, "guardia-civil"), "{text}: {found:?}");
        }
    }

    #[test]
    fn a_day_named_in_a_clause_of_telling_dates_the_telling() {
        // German and Dutch end the clause with its verb: the day before it is when it was
        // said, and the operation keeps its own date.
        for (lang, text) in [
            (
                Lang::De,
                "Wie das BKA am Donnerstag mitteilte, haben Ermittler die Plattform Vexmoor abgeschaltet. Die Aktion fand am 1. Juli 2020 statt.",
            ),
            (
                Lang::Nl,
                "Het platform Vexmoor is uit de lucht gehaald, zoals de politie donderdag bekendmaakte. De actie vond plaats op 1 juli 2020.",
            ),
            // The preterite singular: "bekanntgab", "zei".
            (
                Lang::De,
                "Wie das BKA am Donnerstag bekanntgab, haben Ermittler die Plattform Vexmoor abgeschaltet. Die Aktion fand am 1. Juli 2020 statt.",
            ),
            (
                Lang::Nl,
                "Het platform Vexmoor is uit de lucht gehaald, zoals de politie donderdag zei. De actie vond plaats op 1 juli 2020.",
            ),
        ] {
            let found = starts(text, lang);
            assert_eq!(found, [PartialDate::parse("2020-07-01")], "{text}");
        }
    }

    #[test]
    fn a_relative_clause_gives_its_name_the_role() {
        for (lang, text) in [
            (
                Lang::En,
                "Police took down the botnet on 3 May 2024, according to Europol, which coordinated the effort.",
            ),
            (
                Lang::Fr,
                "Le 3 mai 2024, la police a démantelé un réseau, a indiqué Europol, qui a coordonné l'opération.",
            ),
            (
                Lang::Es,
                "El 3 de mayo de 2024 la policía desarticuló una red, según Europol, que coordinó la operación.",
            ),
        ] {
            assert_eq!(with_role(text, lang, Role::CoordinatedBy), ["europol"], "{text}");
        }
    }

    #[test]
    fn a_span_that_ended_on_a_day_is_counted_back_from_it() {
        for (lang, text) in [
            (
                Lang::En,
                "The three-day operation against Vexmoor, which ended on Wednesday, was coordinated by Europol.",
            ),
            (
                Lang::De,
                "Die dreitägige Aktion gegen Vexmoor endete am Mittwoch und wurde von Europol koordiniert.",
            ),
            // With a typographic apostrophe, as French news write it.
            (
                Lang::Fr,
                "L’opération de trois jours contre Vexmoor, qui s’est terminée mercredi, a été coordonnée par Europol.",
            ),
        ] {
            let ex = Extractor::builtin().expect("extractor");
            let ops = ex
                .extract(report_from_str("t", text, Some(lang), PartialDate::parse("2024-09-12")))
                .operations;
            assert_eq!(ops.len(), 1, "{text}: {ops:?}");
            assert_eq!(
                (ops[0].start, ops[0].end),
                (PartialDate::parse("2024-09-09"), PartialDate::parse("2024-09-11")),
                "{text}"
            );
        }
    }

    #[test]
    fn the_year_something_began_is_no_operation() {
        // "used since 2019" is background: no operation of 2019, and the sentence's
        // coordinator stays with the takedown.
        let text = "On 3 May 2024 police took down the Vexmoor botnet. The botnet had been used since 2019, \
                    according to Europol, which coordinated the operation.";
        assert_eq!(starts(text, Lang::En), [PartialDate::parse("2024-05-03")]);
        assert!(has(&with_role(text, Lang::En, Role::CoordinatedBy), "europol"));
    }

    #[test]
    fn subjects_inside_a_separable_verb_took_part() {
        for (lang, text, actors, supporter) in [
            (
                Lang::Nl,
                "Op 12 maart 2024 werd een actie uitgevoerd tegen het netwerk Vexmoor. Aan de actie werkten ook de \
                 Spaanse Guardia Civil en de Italiaanse Carabinieri mee. Eurojust ondersteunde het onderzoek.",
                &["guardia-civil", "it-carabinieri"][..],
                "eurojust",
            ),
            (
                Lang::De,
                "Am 12. März 2024 fand eine Aktion gegen das Netzwerk Vexmoor statt. An der Aktion nahmen Polizisten \
                 aus Frankreich und Belgien teil. Europol unterstützte die Ermittlungen.",
                &["france", "belgium"][..],
                "europol",
            ),
        ] {
            let text = format!("Vexmoor\n\n{text}");
            let found = with_role(&text, lang, Role::Participant);
            for a in actors {
                assert!(has(&found, a), "{text}: {a} in {found:?}");
            }
            assert!(has(&with_role(&text, lang, Role::SupportedBy), supporter), "{text}");
        }
    }

    #[test]
    fn who_carried_out_the_action_took_part() {
        for (lang, text) in [
            (Lang::En, "On 8 June 2021, Belgian and Dutch authorities carried out a joint action against the network."),
            (Lang::Fr, "Le 8 juin 2021, les autorités belges et néerlandaises ont réalisé une action commune contre le réseau."),
            (Lang::Es, "El 8 de junio de 2021, las autoridades belgas y neerlandesas llevaron a cabo una acción conjunta contra la red."),
            (Lang::Nl, "Op 8 juni 2021 werd het netwerk aangepakt. Belgische en Nederlandse diensten hebben een gezamenlijke actie uitgevoerd."),
            (Lang::De, "Am 8. Juni 2021 wurde das Netzwerk zerschlagen. Belgische und niederländische Behörden haben eine gemeinsame Aktion durchgeführt."),
        ] {
            let found = with_role(text, lang, Role::Participant);
            assert!(has(&found, "belgium") && has(&found, "netherlands"), "{text}: {found:?}");
        }
    }

    #[test]
    fn who_supported_whom_in_the_active_voice() {
        for (lang, text, helper, helped) in [
            (
                Lang::En,
                "On 3 June 2022, Europol supported the Spanish National Police in an operation against a network.",
                "europol",
                "es-policia-nacional",
            ),
            (
                Lang::Fr,
                "Le 3 juin 2022, Europol a soutenu le BKA lors d'une opération contre un réseau.",
                "europol",
                "bka",
            ),
            (
                Lang::Es,
                "El 3 de junio de 2022, Europol apoyó a la Policía Nacional en una operación contra una red.",
                "europol",
                "es-policia-nacional",
            ),
        ] {
            let supporters = with_role(text, lang, Role::SupportedBy);
            assert!(
                has(&supporters, helper) && !has(&supporters, helped),
                "{text}: {supporters:?}"
            );
            assert!(has(&with_role(text, lang, Role::Participant), helped), "{text}");
        }
        // Nobody named before the verb: what follows is still who was supported.
        let unnamed =
            "On 3 June 2022, teams of analysts, translators and experts supported the Spanish National Police.";
        let supporters = with_role(unnamed, Lang::En, Role::SupportedBy);
        assert!(!has(&supporters, "es-policia-nacional"), "{supporters:?}");
        // The passive keeps its own cue: the supporter follows "supported by".
        let passive = "On 3 June 2022, the BKA, supported by Europol, took down a network.";
        let supporters = with_role(passive, Lang::En, Role::SupportedBy);
        assert!(
            has(&supporters, "europol") && !has(&supporters, "bka"),
            "{supporters:?}"
        );
    }

    #[test]
    fn a_chain_stops_at_what_another_cue_named_and_at_a_place() {
        // The supporters named before "took down" are not its subject.
        let en = "On 27 January 2021, authorities from eight countries, supported by Europol and Eurojust, took down the servers of Emotet.";
        let found = with_role(en, Lang::En, Role::Participant);
        assert!(!has(&found, "europol") && !has(&found, "eurojust"), "{found:?}");
        assert!(has(&with_role(en, Lang::En, Role::SupportedBy), "europol"));
        // A country after "en", down a chain, is where it happened, not a coordinator.
        let es = "El 27 de enero de 2021, la operación, coordinada por Europol, desmanteló la infraestructura de la botnet Emotet en España y Portugal.";
        let found = with_role(es, Lang::Es, Role::CoordinatedBy);
        assert!(
            has(&found, "europol") && !has(&found, "spain") && !has(&found, "portugal"),
            "{found:?}"
        );
        // In Dutch "en" is "and": the list goes on.
        let nl = "Op 27 januari 2021 werd het botnet Emotet ontmanteld. Aan de actie namen politiediensten uit België, Frankrijk en Duitsland deel.";
        let found = with_role(nl, Lang::Nl, Role::Participant);
        assert!(has(&found, "belgium") && has(&found, "germany"), "{found:?}");
    }

    #[test]
    fn a_generic_actor_cue_takes_only_what_follows_it_closely() {
        // "authorities from" names where the authorities come from, right after it.
        let near = "On 4 March 2022 the network was dismantled with the help of experts from Microsoft.";
        let partners = with_role(near, Lang::En, Role::Partner);
        assert!(has(&partners, "microsoft"), "{partners:?}");
        // Not the services the data came from, named after a long aside.
        let far = "On 4 March 2022 the network was dismantled. Messages obtained by the French authorities from two chat services used by the suspects, Telegram and TikTok, showed the plans.";
        let partners = with_role(far, Lang::En, Role::Partner);
        assert!(!has(&partners, "telegram") && !has(&partners, "tiktok"), "{partners:?}");
    }

    #[test]
    fn places_after_an_article_are_locations() {
        for (lang, text) in [
            (Lang::De, "Am 4. März 2022 wurde das Botnetz Qakbot abgeschaltet. In den Niederlanden gab es 7 Festnahmen."),
            (Lang::Es, "El 4 de marzo de 2022 fue desmantelado el botnet Qakbot. Se practicaron 19 detenciones en los Países Bajos."),
        ] {
            let found = with_role(text, lang, Role::Location);
            assert!(has(&found, "netherlands"), "{text}: {found:?}");
        }
    }

    #[test]
    fn places_of_a_long_list_of_seizures_are_locations() {
        let text = "On 2 May 2020 police seized computers in Portugal, Spain, Italy and Austria, as well as laptops and mobile phones in Greece and Malta.";
        let locations = with_role(text, Lang::En, Role::Location);
        for country in ["portugal", "austria", "greece", "malta"] {
            assert!(has(&locations, country), "{country}: {locations:?}");
        }
    }

    #[test]
    fn the_seat_the_action_was_run_from_is_no_location() {
        let text = "On 2 May 2020 simultaneous raids were coordinated from the Interpol headquarters in Lyon, and police seized servers in Portugal.";
        let locations = with_role(text, Lang::En, Role::Location);
        assert!(has(&locations, "portugal"), "{locations:?}");
        assert!(!has(&locations, "lyon"), "{locations:?}");
    }

    #[test]
    fn an_outlet_that_reports_is_a_source_not_a_target() {
        let text = "On 21 November 2019 police took down servers of Islamic State propaganda. Its propaganda outlet Amaq was reporting the loss of content on its channels.";
        let targets = with_role(text, Lang::En, Role::Target);
        assert!(has(&targets, "islamic-state"), "{targets:?}");
        assert!(!has(&targets, "amaq"), "{targets:?}");
    }

    /// Who played a part, who was involved in a Dutch frame, and countries listed after a
    /// colon of "ont été impliqués" took part.
    #[test]
    fn playing_a_role_and_being_involved_are_taking_part() {
        let cases: &[(Lang, &str, &[&str])] = &[
            (
                Lang::En,
                "On 10 December 2024 police shut down the Vexmoor service. Japan and Brazil also played a key role.",
                &["japan", "brazil"],
            ),
            (
                Lang::Fr,
                "Le 10 décembre 2024, la police a fermé le site Vexmoor. D'autres pays comme le Brésil et le Japon ont également joué un rôle dans le succès de l'opération.",
                &["japan", "brazil"],
            ),
            (
                Lang::Nl,
                "Op 10 december 2024 werd de dienst Vexmoor offline gehaald. Bij de actie waren politiediensten betrokken van onder meer Japan en Brazilië. Ook de FBI en de Britse National Crime Agency waren bij de actie betrokken.",
                &["japan", "brazil", "fbi", "nca"],
            ),
            (
                Lang::De,
                "Am 10. Dezember 2024 wurde der Dienst Vexmoor abgeschaltet. Auch Japan und Brasilien spielten eine wichtige Rolle.",
                &["japan", "brazil"],
            ),
            (
                Lang::Es,
                "El 10 de diciembre de 2024 la policía cerró el servicio Vexmoor. Japón y Brasil desempeñaron un papel clave.",
                &["japan", "brazil"],
            ),
            (
                Lang::Es,
                "El 10 de diciembre de 2024 la policía cerró el servicio Vexmoor. La operación involucró a Japón, Brasil y Portugal.",
                &["japan", "brazil", "portugal"],
            ),
            (
                Lang::Fr,
                "Le 10 décembre 2024, la police a démantelé le réseau Vexmoor. Au total, 5 pays ont été impliqués dans ce coup de filet : Irlande, Lituanie, Roumanie.",
                &["ireland", "lithuania", "romania"],
            ),
        ];
        for (lang, text, slugs) in cases {
            assert_gives(Role::Participant, *lang, text, slugs);
        }
        // The German frame with what the inquiry was against, and the FBI as German
        // papers name it.
        let text = "Am 26. Januar 2023 wurde das Netzwerk Vexmoor zerschlagen. An den Ermittlungen gegen „Vexmoor“ waren unter anderem die Bundespolizei FBI und das Bundeskriminalamt beteiligt.";
        assert_gives(Role::Participant, Lang::De, text, &["fbi", "bka"]);
        let found = with_role(text, Lang::De, Role::Participant);
        assert!(!has(&found, "de-bundespolizei"), "{found:?}");
        // The subjects between the auxiliary and the participle.
        for (lang, text) in [
            (
                Lang::De,
                "Am 7. Juni 2021 wurden 70 Personen festgenommen. An der internationalen Polizeiaktion „Vexmoor“ gegen Kriminelle war auch das Bundeskriminalamt (BKA), die Guardia Civil und Europol beteiligt.",
            ),
            (
                Lang::Nl,
                "Op 7 juni 2021 werden 70 mensen aangehouden. Bij de internationale politieactie tegen de bende waren ook het Bundeskriminalamt, de Guardia Civil en Europol betrokken.",
            ),
        ] {
            assert_gives(Role::Participant, lang, text, &["bka", "guardia-civil", "europol"]);
        }
    }

    /// Who cooperated with whom: both took part, in each language.
    #[test]
    fn both_sides_of_a_cooperation_take_part() {
        for (lang, text) in [
            (
                Lang::En,
                "On 4 April 2023 police shut down the Vexmoor market. The FBI cooperated with Europol and the BKA.",
            ),
            (
                Lang::Fr,
                "Le 4 avril 2023, la police a fermé le marché Vexmoor. Le FBI a coopéré avec Europol et le BKA.",
            ),
            (
                Lang::Es,
                "El 4 de abril de 2023 la policía cerró el mercado Vexmoor. El FBI cooperó con Europol y el BKA.",
            ),
            (
                Lang::De,
                "Am 4. April 2023 wurde der Marktplatz Vexmoor abgeschaltet. Das FBI kooperierte bei den Ermittlungen mit Europol und dem BKA.",
            ),
        ] {
            assert_gives(Role::Participant, lang, text, &["fbi", "europol", "bka"]);
        }
    }

    /// A day told without a year, in an operation dated to its month, takes that year.
    #[test]
    fn a_day_without_a_year_takes_the_year_of_its_month() {
        let text = "In late January 2025, police arrested two sellers of the Vexmoor phones. On 31 January, police arrested two more.";
        let ops = operations(text, None);
        let starts: Vec<_> = ops.iter().map(|o| o.start).collect();
        assert_eq!(starts, [PartialDate::parse("2025-01-31")], "{ops:?}");
    }

    /// Spans of time and shares are no figures of an operation.
    #[test]
    fn spans_of_time_and_shares_are_not_counted() {
        let ex = Extractor::builtin().expect("extractor");
        let text = "Police shut down the Vexmoor botnet on 3 May 2024 after an investigation of over 1.5 years. \
                    The 12 suspects handled 25% of its traffic.";
        let mut got: Vec<(f64, String)> = ex
            .extract(report_from_str("t", text, Some(Lang::En), None))
            .operations
            .iter()
            .flat_map(|o| o.counts.iter().map(|c| (c.value, c.unit.clone())))
            .collect();
        got.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert_eq!(got, [(12.0, "suspect".to_string())]);
    }

    /// What Spanish releases say was seized ("se han intervenido"), phones and files in
    /// five languages, and kilos without a verb of seizing are an operation's figures; "la
    /// red X" names a network.
    #[test]
    fn phones_files_and_kilos_are_counted_in_five_languages() {
        let counts = |lang: Lang, text: &str| -> Vec<(f64, String)> {
            let ex = Extractor::builtin().expect("extractor");
            let mut got: Vec<(f64, String)> = ex
                .extract(report_from_str("t", &format!("Vexmoor\n\n{text}"), Some(lang), None))
                .operations
                .iter()
                .flat_map(|o| o.counts.iter().map(|c| (c.value, c.unit.clone())))
                .collect();
            got.sort_by(|a, b| a.0.total_cmp(&b.0));
            got
        };
        let phones_and_files = |n: f64| vec![(12.0, "phone".to_string()), (n, "file".to_string())];
        for (lang, text) in [
            (
                Lang::Es,
                "La Guardia Civil desarticuló la red Vexmoor el 3 de mayo de 2022. Se han intervenido 12 teléfonos \
                 móviles y 800 archivos.",
            ),
            (
                Lang::Fr,
                "La gendarmerie a démantelé le réseau Vexmoor le 3 mai 2022 et saisi 12 téléphones et 800 fichiers.",
            ),
            (
                Lang::De,
                "Das BKA hat am 3. Mai 2022 das Netzwerk Vexmoor zerschlagen und 12 Handys und 800 Dateien \
                 sichergestellt.",
            ),
            (
                Lang::Nl,
                "De politie heeft op 3 mei 2022 het netwerk Vexmoor opgerold en 12 telefoons en 800 bestanden in \
                 beslag genomen.",
            ),
            (
                Lang::En,
                "Police dismantled the Vexmoor network on 3 May 2022 and seized 12 smartphones and 800 files.",
            ),
        ] {
            assert_eq!(counts(lang, text), phones_and_files(800.0), "{text}");
        }
        let text = "La Guardia Civil desarticuló la red Vexmoor el 3 de mayo de 2022. Se han intervenido 12 teléfonos.";
        assert_gives(Role::Target, Lang::Es, &format!("Vexmoor\n\n{text}"), &["vexmoor"]);
        // A unit of no list counts after a verb of seizing.
        let text = "La Guardia Civil desarticuló la red Vexmoor el 3 de mayo de 2022. Se han intervenido 40 lingotes.";
        assert_eq!(counts(Lang::Es, text), [(40.0, "lingotes".to_string())]);
        let text = "Police dismantled the Vexmoor network on 3 May 2022. The haul came to 1,200 kilos of cocaine.";
        assert_eq!(counts(Lang::En, text), [(1200.0, "kilo of cocaine".to_string())]);
    }

    #[test]
    fn a_count_of_the_operations_themselves_is_no_figure_of_one() {
        let values = |text: &str| -> Vec<f64> {
            operations(text, None)
                .iter()
                .flat_map(|o| o.counts.iter().map(|c| c.value))
                .collect()
        };
        assert_eq!(
            values(
                "On 4 May 2019 two major police operations shut down the Example market; 12 suspects were arrested."
            ),
            vec![12.0]
        );
        assert_eq!(
            values("Le 4 mai 2019, trois opérations ont visé le forum Exemple et 40 serveurs ont été saisis."),
            vec![40.0]
        );
    }

    #[test]
    fn an_operation_starts_where_its_span_starts_not_where_it_ends() {
        for text in [
            "Starting at 08.00 on Friday 15th April and ending at 20.00 on Saturday, the unit referred 1,200 items in a referral action.",
            "From 15 April 2016 until Saturday 16 April, the unit referred 1,200 items in a referral action.",
        ] {
            let ops = operations(text, Some("2016-04-20"));
            assert_eq!(ops.len(), 1, "{ops:?}");
            assert_eq!(ops[0].start, PartialDate::parse("2016-04-15"), "{text}: {ops:?}");
        }
        // "through" before a name is no span's end.
        let ops = operations(
            "On 15 April 2016 the plan was made, and the unit, coordinated through Europol on 16 April 2016, referred 1,200 items in a referral action.",
            None,
        );
        assert_eq!(ops[0].start, PartialDate::parse("2016-04-16"), "{ops:?}");
        // A second date that does not close a span is left to the usual choice.
        let ops = operations(
            "On 15 April 2016 the plan was made; on 16 April 2016, the unit referred 1,200 items in a referral action.",
            None,
        );
        assert_eq!(ops[0].start, PartialDate::parse("2016-04-16"), "{ops:?}");
    }

    #[test]
    fn the_only_day_of_an_undated_report_dates_its_operation() {
        let text = "Police in Spain took down a botnet. Until 3 May 2016, the malware stole passwords.";
        let ops = operations(text, None);
        assert_eq!(ops.len(), 1, "{ops:?}");
        assert_eq!(ops[0].start, PartialDate::parse("2016-05-03"));
        // Two different days: neither is taken.
        let ops = operations(
            "Police in Spain took down a botnet. Until 3 May 2016, the malware stole passwords; on 9 June 2014 it began.",
            None,
        );
        assert_eq!(ops[0].start, None, "{ops:?}");
        // A day without a year, in a report without one: the day is kept for the merge.
        let ops = operations(
            "The operation was led by Spanish police.\n\nFrom Friday 3rd May, 120 items were referred for removal.",
            None,
        );
        assert_eq!(ops.len(), 1, "{ops:?}");
        assert_eq!(
            (ops[0].start, ops[0].start_month_day, ops[0].start_weekday),
            (None, Some((5, 3)), Some(4)),
            "{ops:?}"
        );
    }

    #[test]
    fn groups_named_with_a_german_terror_compound_are_targets() {
        let ex = Extractor::builtin().expect("extractor");
        let text = "Europol hat Seiten von Terrororganisationen wie al-Qaida gefunden. In einer Aktion seien Teams aus Belgien beteiligt gewesen.";
        let ops = ex
            .extract(report_from_str(
                "t",
                text,
                Some(Lang::De),
                PartialDate::parse("2018-03"),
            ))
            .operations;
        assert_eq!(ops.len(), 1, "{ops:?}");
        assert!(
            ops[0].roles.iter().any(|r| r.role == Role::Target),
            "{:?}",
            ops[0].roles
        );
        assert!(
            ops[0].roles.iter().any(|r| r.role == Role::Participant),
            "{:?}",
            ops[0].roles
        );
    }

    /// "With the help of the authorities of X" in French and Spanish: X supported, as in
    /// English; support with an adjective and "countries such as"; a part played at the
    /// end of a Dutch or German subordinate clause, which ends the list before it.
    #[test]
    fn support_and_parts_played_are_read_in_every_language() {
        for (lang, text, countries) in [
            (
                Lang::Fr,
                "Le 3 mars 2022, la gendarmerie a fermé un site avec l'aide des autorités d'Autriche, de Pologne et du Portugal.",
                ["austria", "poland", "portugal"],
            ),
            (
                Lang::Es,
                "El 3 de marzo de 2022, la Guardia Civil cerró una web con la ayuda de las autoridades de Austria, Polonia y Portugal.",
                ["austria", "poland", "portugal"],
            ),
            (
                Lang::Fr,
                "Le 3 mars 2022, la gendarmerie a fermé un site, avec un soutien technique de pays comme l'Autriche, la Pologne et le Portugal.",
                ["austria", "poland", "portugal"],
            ),
        ] {
            assert_gives(Role::SupportedBy, lang, text, &countries);
            let took_part = with_role(text, lang, Role::Participant);
            assert!(countries.iter().all(|c| !has(&took_part, c)), "{text}: {took_part:?}");
        }
        let text = "Le 3 mars 2022, un site a été fermé. L'enquête a pu compter sur la participation de la Grèce et de la Croatie.";
        assert_gives(Role::Participant, Lang::Fr, text, &["greece", "croatia"]);
        let text = "Op 3 maart 2022 werd een forum opgerold. De actie bestond uit invallen in Oostenrijk en Polen, waarbij Europol en Eurojust een coördinerende rol speelden.";
        assert_gives(Role::CoordinatedBy, Lang::Nl, text, &["europol", "eurojust"]);
        let coordinating = with_role(text, Lang::Nl, Role::CoordinatedBy);
        assert!(
            !has(&coordinating, "austria") && !has(&coordinating, "poland"),
            "{coordinating:?}"
        );
        let text = "Am 3. März 2022 wurden Server in Österreich abgeschaltet, wobei Europol eine koordinierende Rolle spielte.";
        assert_gives(Role::CoordinatedBy, Lang::De, text, &["europol"]);
        let text = "Op 3 maart 2022 werd het forum opgerold. Eurojust speelde een ondersteunende rol.";
        assert_gives(Role::SupportedBy, Lang::Nl, text, &["eurojust"]);
        let text = "Am 3. März 2022 wurde das Forum abgeschaltet. Eurojust spielte eine unterstützende Rolle.";
        assert_gives(Role::SupportedBy, Lang::De, text, &["eurojust"]);
    }

    /// A season before a year is a date of that year ("im Frühjahr 2022"), not a figure,
    /// and "seit Sommer 2022" tells when a state began, not another operation.
    #[test]
    fn a_season_dates_by_its_year() {
        let ex = Extractor::builtin().expect("extractor");
        let text = "Am 26. August 2023 hat die Polizei das Botnetz Zorbat zerschlagen. Das BKA war seit Sommer 2022 an den Ermittlungen beteiligt. Seit dem Frühjahr 2022 gab es mehrere Durchsuchungen.";
        let r = ex.extract(report_from_str("t", text, Some(Lang::De), None));
        let dated: Vec<_> = r.operations.iter().map(|o| o.start).collect();
        assert_eq!(dated, vec![PartialDate::parse("2023-08-26")], "{:?}", r.operations);
        assert!(
            r.operations[0]
                .roles
                .iter()
                .any(|f| f.role == Role::Participant && f.entity.ends_with("bka")),
            "{:?}",
            r.operations[0].roles
        );
        let figures: Vec<f64> = r.operations.iter().flat_map(|o| &o.counts).map(|c| c.value).collect();
        assert!(!figures.contains(&2022.0), "{figures:?}");
    }

    /// A Dutch takedown told as a noun ("het offline halen van X") is an operation of its
    /// own date, with X its target.
    #[test]
    fn a_dutch_takedown_told_as_a_noun() {
        let ex = Extractor::builtin().expect("extractor");
        for (text, target) in [
            ("Op 3 maart 2022 heeft de politie 40 verdachten opgepakt. De actie volgt op het offline halen van de marktplaats Vexmoor op 12 januari 2022.", "vexmoor"),
            ("Op 3 maart 2022 heeft de politie 40 verdachten opgepakt. De actie volgt op het oprollen van LockBit op 12 januari 2022.", "lockbit"),
            ("Op 3 maart 2022 heeft de politie 40 verdachten opgepakt. Op 12 januari 2022 begon het oprollen van LockBit.", "lockbit"),
        ] {
            let r = ex.extract(report_from_str("t", text, Some(Lang::Nl), None));
            let earlier = r
                .operations
                .iter()
                .find(|o| o.start == PartialDate::parse("2022-01-12"))
                .unwrap_or_else(|| panic!("{text}: {:?}", r.operations));
            assert!(
                earlier.roles.iter().any(|f| f.role == Role::Target && f.entity.ends_with(target)),
                "{text}: {:?}",
                earlier.roles
            );
        }
    }

    /// "unter der Koordination von X", and the Dutch relative clause with its verb last
    /// ("X, die de acties coördineerde"), name the coordinator.
    #[test]
    fn coordination_as_a_noun_and_in_a_dutch_relative_clause() {
        let text = "Bei der Aktion, die unter der Koordination von Europol am 3. März 2022 lief, wurden 40 Server abgeschaltet.";
        assert_gives(Role::CoordinatedBy, Lang::De, text, &["europol"]);
        let text = "Op 3 maart 2022 werden 40 servers offline gehaald, meldt Europol, die de acties coördineerde.";
        assert_gives(Role::CoordinatedBy, Lang::Nl, text, &["europol"]);
    }
}
