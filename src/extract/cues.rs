//! Cue tables per language: the phrases that signal an operation (triggers) and the
//! phrases that give an entity its role in one (role cues).
//!
//! A role cue has a direction: `Forward` cues govern the entities that follow them
//! ("led by X and Y", "onder leiding van X"), `Backward` cues the entities right before
//! them ("X and Y police collaborated", "België heeft de leiding"). Cues of every
//! language are tried on every text — the patterns do not collide across languages, and
//! reports often quote names and phrases from another language.

use std::sync::OnceLock;

use super::wordre::{WordRegex, WordSet};
use crate::model::Role;

/// Which side of the cue the entities stand on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Forward,
    Backward,
}

/// A compiled role cue.
#[derive(Debug)]
pub struct RoleCue {
    pub re: WordRegex,
    pub role: Role,
    pub direction: Direction,
    pub rule: String,
    pub confidence: f32,
    /// A cue that only makes a country an actor (`GENERIC_ACTOR_CUES`).
    pub generic: bool,
    /// A cue whose entities are actors only, agencies and countries (`ACTING_CUES`):
    /// what else stands before "shut down" is what was shut down.
    pub actors_only: bool,
    /// A backward cue whose names must be a passive's agent, introduced by "von",
    /// "durch" or "door" (`AGENT_BEFORE_CUES`): "von der Bundespolizei durchgeführt".
    pub needs_agent: bool,
}

/// A compiled trigger: words that name an operation, with the kind they signal.
#[derive(Debug)]
pub struct Trigger {
    pub re: WordRegex,
    pub kind: &'static str,
}

use Direction::{Backward, Forward};
use Role::*;

/// (lang, role, direction, pattern). Patterns are case-insensitive and matched on word
/// boundaries; `\s+` stands for any run of spaces.
const ROLE_CUES: &[(&str, Role, Direction, &str)] = &[
    // ---- led by
    (
        "en",
        LedBy,
        Forward,
        r"(?:led|headed|directed|spearheaded|conducted|steered)(?:\s+(?:on|in|since)\s+(?:[\w.]+\s+){0,3}?[\w.]+|\s+(?:yesterday|today|jointly|also))?\s+by|(?:operations?|actions?|investigations?|raids?|stings?|probes?|(?:was|were)(?:\s+\w+)?)\s+run\s+by",
    ),
    (
        "en",
        LedBy,
        Forward,
        r"under\s+the\s+(?:leadership|direction|lead|command|authority|guidance)\s+of|(?:at\s+the\s+request|on\s+the\s+orders?)\s+of",
    ),
    ("en", LedBy, Forward, r"(?:was|were|is)\s+(?:initiated|ordered)\s+by"),
    (
        "en",
        LedBy,
        Backward,
        r"(?:led|headed|directed|spearheaded|conducted)\s+(?:(?:the|an?|this)\s+(?:\w+[\s-]+){0,3}?(?:operation|investigation|action|raids?|probe|takedown|crackdown)|(?-i:Operation)\s+\w+)",
    ),
    ("en", LedBy, Backward, r"(?:took|takes|has|had)\s+the\s+lead"),
    // compounds: "a German-led sting", "an FBI-led operation", "een FBI-geleide actie",
    // "eine BKA-geführte Aktion"
    ("en", LedBy, Backward, r"-led"),
    ("nl", LedBy, Backward, r"-geleide"),
    ("de", LedBy, Backward, r"-geführte[nrms]?"),
    (
        "nl",
        LedBy,
        Forward,
        r"onder\s+(?:de\s+)?(?:leiding|regie|coördinatie\s+en\s+leiding)\s+van|in\s+opdracht\s+van",
    ),
    (
        "nl",
        LedBy,
        Forward,
        r"(?:geleid|aangestuurd|uitgevoerd\s+onder\s+leiding)(?:\s+(?:werd|wordt|werden|worden))?\s+door",
    ),
    (
        "nl",
        LedBy,
        Backward,
        r"(?:heeft|had|hebben|nam)\s+(?:hierin\s+|daarbij\s+|hierbij\s+)?de\s+leiding",
    ),
    (
        "fr",
        LedBy,
        Forward,
        r"(?:sous\s+la\s+(?:direction|conduite|houlette|responsabilité)\s+d[eu']|sur\s+commission\s+rogatoire\s+d[eu']|à\s+la\s+demande\s+d[eu'])",
    ),
    (
        "fr",
        LedBy,
        Forward,
        r"(?:dirigée?s?|menée?s?|pilotée?s?)(?:,?\s+[\w.'’]+){0,5}?,?\s+par|conduite?s?\s+par",
    ),
    (
        "de",
        LedBy,
        Forward,
        r"(?:geleitet|angeführt|geführt)(?:\s+(?:wurde|wurden|war|waren)(?:\s+\w+){1,3}?)?\s+(?:von|durch)",
    ),
    (
        "de",
        LedBy,
        Forward,
        r"unter\s+(?:der\s+)?(?:Leitung|Führung|Federführung|Sachleitung)\s+(?:von|der|des)|im\s+Auftrag\s+(?:von|der|des)",
    ),
    (
        "es",
        LedBy,
        Forward,
        r"(?:liderad[oa]s?|dirigid[oa]s?|encabezad[oa]s?|comandad[oa]s?|instruid[oa]s?)(?:,?\s+[\w.]+){0,4}?,?\s+por",
    ),
    (
        "es",
        LedBy,
        Forward,
        r"bajo\s+la\s+(?:dirección|direccion|batuta|supervisión)\s+del?|por\s+orden\s+del?|a\s+instancias\s+del?",
    ),
    // ---- coordinated by
    (
        "en",
        CoordinatedBy,
        Forward,
        r"coordinated\s+(?:by|through|via|from|at)",
    ),
    (
        "en",
        CoordinatedBy,
        Forward,
        r"(?:under|with)\s+the\s+coordination\s+of",
    ),
    ("en", CoordinatedBy, Forward, r"coordination\s+(?:by|of|from)"),
    // "under the auspices of", "sous l'égide de", "unter der Ägide von", "bajo los
    // auspicios de", "onder auspiciën van": who framed the action, not who led it.
    ("en", CoordinatedBy, Forward, r"under\s+the\s+auspices\s+of"),
    ("fr", CoordinatedBy, Forward, r"sous\s+l['’]égide\s+d[eu']"),
    ("de", CoordinatedBy, Forward, r"unter\s+der\s+Ägide\s+(?:von|der|des)"),
    ("es", CoordinatedBy, Forward, r"bajo\s+(?:los\s+)?auspicios\s+del?"),
    ("nl", CoordinatedBy, Forward, r"onder\s+(?:de\s+)?auspiciën\s+van"),
    (
        "en",
        CoordinatedBy,
        Backward,
        r"coordinated\s+(?:(?:the|an?|this)\s+(?:\w+[\s-]+){0,3}?(?:operation|investigation|action|raids?|takedown|take-down|dismantling|shutdown|disruption|effort|day|hit|crackdown|sweep|cooperation|co-operation|exchange)|(?-i:Operation)\s+\w+)",
    ),
    (
        "en",
        CoordinatedBy,
        Backward,
        r"(?:organi[sz]ed|hosted|convened|orchestrated)\s+(?:(?:at|in)\s+(?:\S+\s+){1,5}?)?(?:the|an?|this)\s+(?:\w+[\s-]+){0,4}?(?:operations?|actions?|day|days|event|campaign|takedown|hackathon|activit(?:y|ies))",
    ),
    (
        "nl",
        CoordinatedBy,
        Forward,
        r"(?:gecoördineerd|gecoordineerd)(?:\s+(?:werd|wordt|werden|worden))?\s+(?:door|vanuit|via)",
    ),
    ("nl", CoordinatedBy, Forward, r"coördinatie\s+(?:door|van|vanuit)"),
    ("fr", CoordinatedBy, Forward, r"coordonnée?s?\s+par"),
    (
        "fr",
        CoordinatedBy,
        Forward,
        r"(?:sous|avec)\s+la\s+coordination\s+d[eu']",
    ),
    (
        "de",
        CoordinatedBy,
        Forward,
        r"koordiniert(?:\s+(?:wurde|wurden|war|waren)(?:\s+\w+){1,3}?)?\s+(?:von|durch|über)",
    ),
    (
        "de",
        CoordinatedBy,
        Forward,
        r"(?:unter\s+)?(?:der\s+)?(?:Koordinierung|Koordination)\s+(?:von|der|des|durch)",
    ),
    ("de", CoordinatedBy, Backward, r"koordinierten?\s+(?:die|den|das)"),
    // Eurojust's way of coordinating an action day: "Eurojust set up a coordination centre",
    // "a coordination centre was set up at Eurojust", "un centre de coordination a été mis
    // en place à Eurojust", "un centro de coordinación en Eurojust", "een coördinatiecentrum
    // bij Eurojust", "ein Koordinierungszentrum bei Eurojust".
    (
        "en",
        CoordinatedBy,
        Backward,
        r"(?:set\s+up|established|hosted|ran|operated)\s+(?:a|an|the)\s+(?:\w+\s+)?(?:coordination|operational)\s+cent(?:re|er)",
    ),
    (
        "en",
        CoordinatedBy,
        Forward,
        r"(?:coordination|operational)\s+cent(?:re|er)\s+(?:(?:was|were|had\s+been)\s+(?:set\s+up|established)\s+)?(?:at|by|in\s+the\s+premises\s+of)",
    ),
    (
        "fr",
        CoordinatedBy,
        Forward,
        r"centre\s+de\s+coordination\s+(?:(?:a|avait)\s+été\s+(?:mis\s+en\s+place|installé|ouvert|établi)\s+)?(?:à|au\s+sein\s+(?:d['’]|de|du|des)|par|chez)",
    ),
    (
        "es",
        CoordinatedBy,
        Forward,
        r"centro\s+de\s+coordinación\s+(?:(?:fue|ha\s+sido)\s+(?:establecido|instalado|creado)\s+)?(?:en|por)",
    ),
    (
        "nl",
        CoordinatedBy,
        Forward,
        r"coördinatiecentrum\s+(?:\w+\s+){0,3}?(?:bij|door|van)",
    ),
    (
        "de",
        CoordinatedBy,
        Forward,
        r"Koordinierungszentrum\s+(?:\w+\s+){0,3}?(?:bei|von|durch)",
    ),
    // The participle at the end of a German or Dutch clause, its agent before it: "Die
    // Aktion wurde von Europol koordiniert", "De actie werd door Europol gecoördineerd".
    ("de", CoordinatedBy, Backward, r"koordiniert(?:e|en)?"),
    ("nl", CoordinatedBy, Backward, r"(?:gecoördineerd|gecoordineerd)"),
    ("de", LedBy, Backward, r"(?:geleitet|angeführt|geführt)"),
    // "Het OM leidde het onderzoek", "Das BKA führte die Ermittlungen", "La Police
    // judiciaire a mené l'enquête", "La Guardia Civil dirigió la investigación".
    (
        "nl",
        LedBy,
        Backward,
        r"(?:leidde|leidden|leidt|heeft\s+geleid)\s+(?:[\w.]+\s+){0,6}?(?:het|de|dit|deze|een)\s+(?:[\w-]+\s+){0,2}?(?:onderzoek|opsporingsonderzoek|actie|operatie)",
    ),
    (
        "de",
        LedBy,
        Backward,
        r"(?:leitete|leiteten|leitet|führte|führten|führt)\s+(?:[\w.]+\s+){0,6}?(?:die|das|diese|dieses|eine|ein)\s+(?:\w+\s+){0,2}?(?:Ermittlungen|Ermittlungsverfahren|Verfahren|Untersuchung|Operation|Aktion)",
    ),
    // "Die Ermittlungen führte die ZIT": the object first, the subject after the verb.
    (
        "de",
        LedBy,
        Forward,
        r"(?:Ermittlungen|Ermittlungsverfahren|Verfahren)\s+(?:führte|leitete|führt|leitet)",
    ),
    (
        "fr",
        LedBy,
        Backward,
        r"(?:(?:a|ont|avait|avaient)\s+(?:mené|dirigé|conduit|piloté)|dirige|dirigeait|mène|menait|pilote|pilotait)\s+(?:[\w.]+\s+){0,6}?(?:l['’]|les\s+|la\s+|le\s+|cette\s+|une\s+|un\s+)(?:\w+\s+){0,2}?(?:enquêtes?|opérations?|actions?|investigations?|coup\s+de\s+filet)",
    ),
    (
        "es",
        LedBy,
        Backward,
        r"(?:dirigió|ha\s+dirigido|lideró|ha\s+liderado|encabezó|ha\s+encabezado)\s+(?:[\w.]+\s+){0,6}?(?:la|el|esta|este|las|los|una|un)\s+(?:\w+\s+){0,2}?(?:investigación|investigacion|investigaciones|operación|operacion|operativo|pesquisas?)",
    ),
    ("de", SupportedBy, Backward, r"unterstützt"),
    ("nl", SupportedBy, Backward, r"(?:ondersteund|bijgestaan)"),
    // "Eurojust ondersteunde het onderzoek", "Europol unterstützte die Ermittlungen".
    (
        "nl",
        SupportedBy,
        Backward,
        r"(?:ondersteunde|ondersteunden)\s+(?:het|de)\s+(?:[\w-]+\s+){0,2}?(?:onderzoek|actie|operatie)",
    ),
    (
        "de",
        SupportedBy,
        Backward,
        r"(?:unterstützte|unterstützten)\s+(?:die|das|den)\s+(?:\w+\s+){0,2}?(?:Ermittlungen|Ermittler|Aktion|Operation|Einsatz)",
    ),
    // "X coördineerde op 3 mei een actie", "X a coordonné le 3 mai une opération", "X a
    // annoncé avoir coordonné, la veille, une journée": the verb, a date or a place
    // perhaps, then the action.
    (
        "nl",
        CoordinatedBy,
        Backward,
        r"(?:coördineerden?|coordineerden?)\s+(?:[\w.]+[\s-]+){0,5}?(?:de|het|een|deze)\s+(?:\w+[\s-]+){0,3}?(?:actie|acties|actiedag|actiedagen|operatie|onderzoek|inval|invallen|ontmanteling|samenwerking|uitwisseling)",
    ),
    (
        "fr",
        CoordinatedBy,
        Backward,
        r"(?:a|avait|ont|avaient|avoir)\s+coordonné,?\s+(?:[\w.,]+[\s-]+){0,5}?(?:l['’]|la\s+|le\s+|les\s+|une\s+|un\s+|cette\s+)(?:\w+[\s-]+){0,3}?(?:opération|action|enquête|journée|descente|offensive|démantèlement|coup\s+de\s+filet|coopération|échanges?)",
    ),
    (
        "de",
        CoordinatedBy,
        Backward,
        r"koordinierten?\s+(?:[\w.]+[\s-]+){0,5}?(?:eine|einen|ein)\s+(?:\w+[\s-]+){0,3}?(?:Aktion|Operation|Ermittlung|Einsatz|Aktionstag|Razzia|Razzien|Zerschlagung|Abschaltung)",
    ),
    (
        "es",
        CoordinatedBy,
        Backward,
        r"coordin(?:ó|o|aron)\s+(?:[\w.]+[\s-]+){0,6}?(?:la|el|una|un|esta|este)\s+(?:\w+[\s-]+){0,3}?(?:operación|operacion|acción|accion|investigación|jornada|redada|ofensiva|desmantelamiento|desarticulación|cooperación|intercambio)",
    ),
    (
        "es",
        CoordinatedBy,
        Forward,
        r"coordinad[oa]s?\s+(?:por|desde|a\s+través\s+de)",
    ),
    ("es", CoordinatedBy, Forward, r"(?:bajo|con)\s+la\s+coordinación\s+del?"),
    // ---- supported by
    (
        "en",
        SupportedBy,
        Forward,
        r"(?:supported|assisted|backed|aided|helped)\s+by",
    ),
    (
        "en",
        SupportedBy,
        Forward,
        r"with\s+(?:the\s+)?(?:support|assistance|help|backing|aid)\s+(?:of|from)",
    ),
    (
        "en",
        SupportedBy,
        Backward,
        r"(?:supported|assisted|backed)\s+(?:(?:the|an?|this)\s+(?:\w+[\s-]+){0,3}?(?:operation|investigation|action|authorities|raids?|takedown|effort)|(?-i:Operation)\s+\w+)",
    ),
    (
        "en",
        SupportedBy,
        Backward,
        r"provided\s+(?:\w+\s+){0,2}(?:support|assistance)",
    ),
    // The same in the other languages: "Eurojust a apporté son soutien", "Eurojust prestó
    // apoyo", "Eurojust verleende steun", "Eurojust leistete Unterstützung".
    (
        "fr",
        SupportedBy,
        Backward,
        r"(?:a|ont|avait|avaient)\s+(?:également\s+|aussi\s+)?(?:apporté|fourni|prêté|offert)\s+(?:son|leur|un|une|l['’]|tout\s+son)\s*(?:\w+\s+){0,2}?(?:soutien|appui|assistance|aide|concours)",
    ),
    (
        "es",
        SupportedBy,
        Backward,
        r"(?:prest(?:ó|aron)|brind(?:ó|aron)|proporcion(?:ó|aron)|ofreci(?:ó|eron)|(?:ha|han)\s+(?:prestado|brindado|proporcionado|ofrecido))\s+(?:\w+\s+){0,2}?(?:apoyo|asistencia|ayuda|soporte)",
    ),
    (
        "nl",
        SupportedBy,
        Backward,
        r"(?:verleende|verleenden|bood|boden)\s+(?:\w+\s+){0,2}?(?:steun|ondersteuning|bijstand|hulp)",
    ),
    (
        "de",
        SupportedBy,
        Backward,
        r"(?:leistete|leisteten|gewährte|gewährten)\s+(?:\w+\s+){0,2}?(?:Unterstützung|Hilfe|Amtshilfe)",
    ),
    // "Europol facilitated the exchange of information": who made the work of others
    // possible supported it.
    (
        "en",
        SupportedBy,
        Backward,
        r"facilitated\s+(?:(?:the|an?|this)\s+)?(?:\w+[\s-]+){0,3}?(?:exchange|cooperation|co-operation|coordination|operation|investigation|action)",
    ),
    (
        "fr",
        SupportedBy,
        Backward,
        r"(?:a|ont|avait|avaient)\s+facilité\s+(?:l['’]|la\s+|le\s+|les\s+|une\s+|un\s+)(?:\w+[\s-]+){0,3}?(?:échanges?|coopération|coordination|opération|enquête|action)",
    ),
    (
        "es",
        SupportedBy,
        Backward,
        r"facilit(?:ó|o|aron)\s+(?:el|la|los|las|un|una)\s+(?:\w+[\s-]+){0,3}?(?:intercambios?|cooperación|coordinación|operación|investigación|acción)",
    ),
    // "Europol supported the Spanish National Police": the subject supported, the object
    // took part. (The passive, "supported by", is a longer cue and wins where it matches.)
    // Not in Dutch and German, whose verb comes before its subject after an opening
    // phrase ("Op 3 juni ondersteunde Europol het BKA").
    ("en", SupportedBy, Backward, r"supported|assisted"),
    ("en", Participant, Forward, r"supported|assisted"),
    (
        "fr",
        SupportedBy,
        Backward,
        r"(?:a|ont)\s+(?:soutenu|appuyé|assisté|épaulé)",
    ),
    (
        "fr",
        Participant,
        Forward,
        r"(?:a|ont)\s+(?:soutenu|appuyé|assisté|épaulé)",
    ),
    (
        "es",
        SupportedBy,
        Backward,
        r"apoyó|apoyaron|asistió|asistieron|(?:ha|han)\s+apoyado",
    ),
    (
        "es",
        Participant,
        Forward,
        r"apoyó|apoyaron|asistió|asistieron|(?:ha|han)\s+apoyado",
    ),
    (
        "nl",
        SupportedBy,
        Forward,
        r"met\s+(?:de\s+)?(?:steun|hulp|bijstand|ondersteuning)\s+van",
    ),
    (
        "nl",
        SupportedBy,
        Forward,
        r"(?:ondersteund|bijgestaan|gesteund)(?:\s+(?:werd|wordt|werden|worden))?\s+door",
    ),
    ("nl", SupportedBy, Forward, r"(?:de|hun)\s+(?:steun|bijstand)\s+van"),
    (
        "fr",
        SupportedBy,
        Forward,
        r"(?:avec|grâce\s+(?:au|à)|(?:a|ont|avait|avaient)\s+bénéficié\s+d[eu']?)\s*(?:le\s+soutien|soutien|l['’]appui|l['’]aide|l['’]assistance|le\s+concours|concours)\s+d(?:es|e|u|['’])",
    ),
    (
        "fr",
        SupportedBy,
        Forward,
        r"(?:soutenue?s?|appuyée?s?|assistée?s?|épaulée?s?)\s+par",
    ),
    (
        "de",
        SupportedBy,
        Forward,
        r"unterstützt(?:\s+(?:wurde|wurden|war|waren)(?:\s+\w+){1,3}?)?\s+(?:von|durch)",
    ),
    (
        "de",
        SupportedBy,
        Forward,
        r"mit\s+(?:der\s+)?(?:Unterstützung|Hilfe)\s+(?:von|der|des)",
    ),
    (
        "es",
        SupportedBy,
        Forward,
        r"con\s+(?:el\s+)?(?:apoyo|respaldo|auxilio)\s+del?",
    ),
    ("es", SupportedBy, Forward, r"con\s+la\s+(?:ayuda|asistencia)\s+del?"),
    (
        "es",
        SupportedBy,
        Forward,
        r"(?:apoyad[oa]s?|asistid[oa]s?|respaldad[oa]s?)\s+por",
    ),
    // ---- participants
    (
        "en",
        Participant,
        Forward,
        r"(?:involving|involved|including\s+police\s+from|with\s+the\s+participation\s+of|joined\s+by)",
    ),
    (
        "en",
        Participant,
        Forward,
        r"(?:carried\s+out|conducted\s+jointly|executed|performed|undertaken)(?:\s+(?:on|in|between)\s+[\w.]+(?:\s+[\w.]+){0,2}?)?\s+by|(?:arrests?|raids?|searches|seizures?|detentions?)\s+(?:(?:were|was|have\s+been|had\s+been)\s+)?(?:made|carried\s+out|conducted)\s+by",
    ),
    (
        "en",
        Participant,
        Forward,
        r"in\s+(?:close\s+)?(?:collaboration|cooperation|co-operation|coordination|partnership|conjunction)\s+with|(?:joint|combined)\s+(?:operation|action|investigation|effort|raids?)\s+with|(?:an?|the)\s+(?:operation|action|investigation|crackdown|sting)\s+with",
    ),
    ("en", Participant, Forward, r"thanks\s+to\s+the\s+collaboration\s+of"),
    // "Officials from nine countries took part, along with Telegram and Google".
    ("en", Participant, Forward, r"along\s+with"),
    // Spanish puts the verb of taking part before its subjects: "En la operación han
    // colaborado los servicios de inteligencia de Marruecos".
    (
        "es",
        Participant,
        Forward,
        r"en\s+(?:la|esta)\s+(?:operación|investigación|actuación|operativo)\s+(?:han|ha)\s+(?:colaborado|participado)",
    ),
    // The service that investigates a case takes part: "The FBI investigated the case",
    // "the case was investigated by", "L'enquête, confiée à la DGSI", "la investigación,
    // encomendada a", "de zaak werd onderzocht door".
    ("en", Participant, Backward, r"investigated\s+the\s+(?:case|matter)"),
    (
        "en",
        Participant,
        Forward,
        r"(?:case|matter)\s+(?:was|is|has\s+been)\s+(?:being\s+)?investigated\s+by|investigation\s+(?:was|is|has\s+been)\s+(?:entrusted|assigned)\s+to",
    ),
    ("fr", Participant, Forward, r"confiée?s?\s+(?:à|aux?)"),
    ("es", Participant, Forward, r"encomendad[oa]s?\s+a|investigad[oa]\s+por"),
    ("nl", Participant, Forward, r"(?:onderzocht|behandeld)\s+door"),
    // "De actie werd uitgevoerd door de FIOD", "Die Aktion wurde durchgeführt von der
    // Bundespolizei": the passive of carrying out, its agent after the participle.
    ("nl", Participant, Forward, r"(?:uitgevoerd|verricht)\s+door"),
    ("de", Participant, Forward, r"durchgeführt\s+(?:von|durch)"),
    ("en", Participant, Forward, r"(?:together|jointly)\s+with"),
    (
        "en",
        Participant,
        Backward,
        r"(?:worked|teamed\s+up|cooperated|co-operated|partnered|collaborated)\s+(?:closely\s+)?with",
    ),
    (
        "en",
        Participant,
        Forward,
        r"(?:teamed\s+up|joined\s+forces|worked|working|cooperating|partnered|collaborating)\s+(?:closely\s+)?(?:with|alongside)",
    ),
    (
        "en",
        Participant,
        Forward,
        r"(?:partners|participants|participating\s+(?:countries|agencies))\s+(?:included|including|were|are)|(?:participating|involved)\s+(?:law\s+enforcement\s+)?(?:authorities|countries|agencies)|the\s+following\s+(?:authorities|countries|agencies)\s+(?:participated|took\s+part|were\s+involved)|(?:deelnemende|betrokken)\s+(?:landen|autoriteiten|diensten)|(?:pays|autorités|services)\s+participants|(?:pays|autorités|services(?:\s+de\s+police)?|unités)\s+(?:ayant\s+participé|impliqués?|engagés?)|(?:beteiligte|teilnehmende)\s+(?:Länder|Staaten|Behörden|Dienststellen|Polizeibehörden|Strafverfolgungsbehörden)|(?:países|autoridades|servicios|cuerpos|unidades)\s+(?:policiales\s+)?(?:participantes|que\s+(?:han\s+)?participa(?:ron|do))",
    ),
    (
        "en",
        Partner,
        Forward,
        r"(?:shared\s+with|referred\s+to|in\s+cooperation\s+with\s+(?:the\s+)?(?:platform|company|provider))",
    ),
    (
        "en",
        Participant,
        Backward,
        r"(?:collaborated|cooperated|co-operated|participated|took\s+part|were\s+(?:also\s+)?involved|was\s+(?:also\s+)?involved|joined\s+forces|carried\s+out|arrested|raided|detained|seized|hacked(?:\s+into)?|infiltrated|cracked|dismantled)",
    ),
    (
        "nl",
        Participant,
        Forward,
        r"(?:in\s+(?:nauwe\s+|goede\s+)?samenwerking\s+met|gezamenlijke?\s+(?:actie|operatie|onderzoek)\s+met|(?:werd|is|wordt)\s+(?:\w+\s+)?samengewerkt\s+met|samen\s+met|werkt\s+samen\s+met|werkten\s+samen\s+met|met\s+medewerking\s+van|met\s+deelname\s+van)",
    ),
    (
        "nl",
        Participant,
        Backward,
        r"(?:namen\s+deel|nam\s+deel|(?:heeft|hebben)\s+deelgenomen|werkten\s+mee|werkte\s+mee|(?:heeft|hebben)\s+meegewerkt|(?:heeft|hebben)\s+samengewerkt|werkten\s+samen|werkte\s+samen|(?:waren|was)\s+(?:(?:ook|eveneens|daarnaast|bij|aan|in|de|het|deze|dit|die|actie|operatie|onderzoek|zaak)\s+){0,4}betrokken)",
    ),
    (
        "nl",
        Participant,
        Forward,
        r"(?:autoriteiten|politie|politiediensten|politiemensen|politieagenten|agenten|rechercheurs|speurders|onderzoekers|teams|experts|specialisten|opsporingsdiensten|eenheden|collega's)\s+uit",
    ),
    (
        "nl",
        Participant,
        Forward,
        r"(?:teams|rechercheurs|agenten|experts|specialisten|politiemensen|opsporingsdiensten|autoriteiten)\s+(?:uit|van)",
    ),
    (
        "fr",
        Participant,
        Forward,
        r"(?:en\s+(?:étroite\s+|etroite\s+)?(?:collaboration|coopération|cooperation|lien)\s+avec|(?:opération|action|enquête)\s+conjointe\s+avec|(?:avec|sur)\s+la\s+participation\s+d[eu']|impliquant|conjointement\s+avec|menée\s+conjointement\s+par|(?:a|ont|avait|avaient)\s+(?:impliqué|mobilisé|fédéré)|impliquait|mobilisait)",
    ),
    (
        "fr",
        Participant,
        Backward,
        // "ont, au final, participé": a short phrase in commas may stand after the auxiliary.
        r"(?:(?:ont|a)(?:\s*,(?:\s+\w+){1,3}\s*,)?\s+(?:également\s+|aussi\s+)?(?:participé|collaboré|coopéré|pris\s+part|joué\s+un\s+(?:\w+\s+)?rôle)|étaient\s+impliquée?s|était\s+impliquée?|(?:ont|a)\s+(?:également\s+|aussi\s+)?été\s+impliquée?s?|sont\s+impliquée?s)",
    ),
    // A German verb before its subject, after a fronted phrase: "In Deutschland
    // durchsuchten Beamte des Bundeskriminalamts 21 Objekte".
    (
        "de",
        Participant,
        Forward,
        r"(?:durchsuchten|verhafteten|beschlagnahmten|nahmen|stellten|vollstreckten|schalteten)\s+(?:Beamte|Beamtinnen|Ermittler(?:innen)?|Polizisten|Fahnder|Einsatzkräfte|Spezialkräfte)\s+(?:des|der|von)",
    ),
    (
        "de",
        Participant,
        Forward,
        r"(?:in\s+(?:enger\s+|engster\s+|guter\s+)?Zusammenarbeit\s+mit|gemeinsamen?\s+(?:Operation|Aktion|Ermittlungen|Einsatz)\s+mit|gemeinsam\s+mit|zusammen\s+mit|unter\s+Beteiligung\s+(?:von|der|des)|beteiligt\s+waren|beteiligten\s+sich|beteiligte\s+sich)",
    ),
    (
        "de",
        Participant,
        Forward,
        r"beteiligten\s+(?:Staaten|Ländern|Länder|Behörden|Dienststellen|Partnern|Partner)\s+(?:gehörten|gehören|zählten|zählen|waren|sind)",
    ),
    ("de", Participant, Forward, r"(?:Aktion|Operation|Einsatz)\s+mit"),
    // Verb-final clauses: "... Teams aus Belgien und Frankreich beteiligt gewesen".
    (
        "de",
        Participant,
        Backward,
        r"(?:beteiligt\s+(?:gewesen|sind|seien|war|ist|waren)|mitgewirkt)",
    ),
    (
        "de",
        Participant,
        Backward,
        r"(?:(?:waren|war)\s+(?:(?:auch|ebenfalls|zudem|außerdem|an|in|der|die|den|dem|das|Ermittlungen|Aktion|Operation|Einsatz|Verfahren)\s+){0,4}(?:beteiligt|eingebunden|involviert)|beteiligten\s+sich|beteiligte\s+sich|nahmen\s+teil|nahm\s+teil|(?:hat|haben)\s+teilgenommen)",
    ),
    // A joint investigation team "between" authorities: each takes part.
    (
        "en",
        Participant,
        Forward,
        r"(?:joint\s+investigation\s+team|JIT|joint\s+team)\s+(?:\(JIT\)\s+)?(?:was\s+)?(?:set\s+up\s+|formed\s+)?(?:between|involving)",
    ),
    (
        "nl",
        Participant,
        Forward,
        r"(?:(?:gemeenschappelijk|gezamenlijk)\s+onderzoeksteam|joint\s+investigation\s+team)\s+(?:\(JIT\)\s+)?(?:tussen|van)",
    ),
    (
        "fr",
        Participant,
        Forward,
        r"équipe\s+commune\s+d['’]enquête\s+(?:\(ECE\)\s+)?(?:entre|réunissant)",
    ),
    (
        "de",
        Participant,
        Forward,
        r"gemeinsamen?\s+Ermittlungsgruppen?\s+(?:\(JIT\)\s+)?(?:zwischen|aus)",
    ),
    (
        "es",
        Participant,
        Forward,
        r"equipo\s+(?:conjunto\s+)?de\s+(?:trabajo|investigación|investigacion)\s+(?:conjunto\s+)?entre",
    ),
    // "Der Staatsanwaltschaft und dem BKA ist ein Schlag gegen X gelungen": the dative
    // before "ist ... gelungen" names who struck.
    (
        "de",
        Participant,
        Backward,
        r"(?:ist|sind|war|waren)\s+(?:jetzt\s+|nun\s+)?(?:ein|eine|einen)\s+(?:\w+\s+){0,2}?(?:Schlag|Coup|Durchbruch|Ermittlungserfolg|Erfolg)",
    ),
    (
        "es",
        Participant,
        Forward,
        r"(?:en\s+(?:estrecha\s+)?(?:colaboración|colaboracion|cooperación|cooperacion|coordinación)\s+con|(?:operación|operacion|actuación|actuacion|acción|accion|investigación|investigacion)\s+conjunta\s+con|junto\s+(?:con|a)|con\s+la\s+participación\s+del?|(?:con(?:tado)?\s+con\s+)?la\s+(?:colaboración|colaboracion|cooperación)\s+del?|llevad[oa]\s+a\s+cabo\s+por|en\s+la\s+que\s+(?:han\s+)?participad?[oa]n?|(?:involucr(?:ó|aron)|implic(?:ó|aron)|(?:ha|han)\s+(?:involucrado|implicado))\s+a)",
    ),
    (
        "es",
        Participant,
        Backward,
        r"(?:participaron|participó|participo|han\s+participado|ha\s+participado|colaboraron|colaboró|ha\s+colaborado|cooperaron|cooperó|(?:ha|han)\s+cooperado|detuvieron|detuvo|han\s+detenido|ha\s+detenido|arrestaron|arrestó|(?:ha|han)\s+arrestado|desarticularon|desmantelaron)",
    ),
    // ---- targets
    (
        "en",
        Target,
        Forward,
        r"(?:against|targeting|targeted|targets|aimed\s+at|took\s+aim\s+at|took\s+down|take\s+down|taken\s+down|taking\s+down|shut\s+down|dismantl(?:e|ed|ing)|disrupt(?:ed|ing)?|crippl(?:e|ed|ing)|seized\s+(?:control\s+of\s+)?|infiltrated|hacked\s+into|cracked|hit|struck)",
    ),
    (
        "en",
        Target,
        Forward,
        r"(?:takedown|dismantling|disruption|shutdown|infiltration|seizure|closure)\s+of",
    ),
    (
        "nl",
        Target,
        Forward,
        r"(?:tegen|gericht\s+op|ontmanteling\s+van|sluiting\s+van|ontmanteld|(?:kraakten|kraakte|kraakt|hackten|hackte|infiltreerden|infiltreerde)(?:\s+(?:ook|in))?|offline\s+gehaald|uit\s+de\s+lucht\s+gehaald|aanval\s+op)",
    ),
    (
        "fr",
        Target,
        Forward,
        r"(?:contre|visant|ciblant|démantèlement\s+d[eu']|fermeture\s+d[eu']|démanteler|démantelé|perturber|perturbé|perturbation\s+d[eu']|(?:a|ont)\s+(?:fermé|neutralisé|piraté|infiltré|mis\s+hors\s+(?:ligne|service)))",
    ),
    (
        "de",
        Target,
        Forward,
        r"(?:gegen|(?:Zerschlagung|Schließung|Abschaltung)\s+(?:von|der|des)|zerschlagen|abgeschaltet)",
    ),
    (
        "es",
        Target,
        Forward,
        r"(?:contra|dirigid[oa]\s+a|desarticulación\s+del?|cierre\s+del?|desbarat(?:ar|ó|aron)|(?:hackearon|hackeó|infiltraron|infiltró|(?:ha|han)\s+(?:hackeado|infiltrado))|desmantelamiento\s+del?|desmantelad[oa]|cerró|cerraron|(?:ha|han)\s+cerrado|clausuró|clausuraron|desmanteló|desmantelaron|desarticuló|desarticularon)",
    ),
    // Whose infrastructure was taken is the target: "the servers behind Glasswire Market",
    // "de servers van de chatdienst X", "die Infrastruktur der Plattform X", "les serveurs
    // du forum X", "los servidores de X".
    (
        "en",
        Target,
        Forward,
        r"(?:servers?|infrastructure|domains?|websites?)\s+(?:behind|of|used\s+by|run\s+by)",
    ),
    (
        "nl",
        Target,
        Forward,
        r"(?:servers?|infrastructuur|domein(?:en)?|websites?)\s+(?:van|achter)",
    ),
    (
        "de",
        Target,
        Forward,
        r"(?:Server|Infrastruktur|Serverinfrastruktur|Servernetzwerk|Domains?|Webseiten?)\s+(?:der|des|von|hinter)",
    ),
    (
        "fr",
        Target,
        Forward,
        r"(?:serveurs?|infrastructures?|domaines?|locaux)\s+(?:d[eu']|de\s+la|des)",
    ),
    (
        "es",
        Target,
        Forward,
        r"(?:servidores?|infraestructuras?|dominios?)\s+(?:de|del)",
    ),
    // What the action was done to, named before a passive or a particle verb: "the
    // marketplace AlphaBay was taken down", "nahmen den Marktplatz Hansa vom Netz",
    // "Ook de kanalen Nashir werden getroffen".
    (
        "en",
        Target,
        Backward,
        r"(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:also\s+)?(?:taken\s+down|shut\s+down|taken\s+offline|dismantled|disrupted|targeted|hit)",
    ),
    (
        "nl",
        Target,
        Backward,
        // "is woensdag uit de lucht gehaald": a day or a few words before the participle.
        r"(?:werden|werd|zijn|is)\s+(?:ook\s+)?getroffen|(?:werden|werd|zijn|is)\s+(?:[\w.]+\s+){0,6}?(?:offline\s+gehaald|uit\s+de\s+lucht\s+gehaald|ontmanteld|opgerold|platgelegd)",
    ),
    (
        "fr",
        Target,
        Backward,
        r"(?:a|ont)\s+été\s+(?:également\s+|aussi\s+)?(?:démantelée?s?|fermée?s?|ciblée?s?|visée?s?|touchée?s?|neutralisée?s?|mise?s?\s+hors\s+(?:ligne|service))",
    ),
    (
        "de",
        Target,
        Backward,
        r"(?:vom\s+Netz(?:\s+genommen)?|(?:wurden|wurde)\s+(?:auch\s+)?getroffen|(?:wurden|wurde)\s+(?:[\w.]+\s+){0,6}?(?:abgeschaltet|zerschlagen|stillgelegt))",
    ),
    // The participle closes an active Dutch or German clause, its object right before it:
    // "hebben ... de marktplaats X offline gehaald", "haben ... die Plattform X abgeschaltet".
    (
        "nl",
        Target,
        Backward,
        r"(?:offline\s+gehaald|uit\s+de\s+lucht\s+gehaald|ontmanteld|opgerold|platgelegd|neergehaald|gekraakt|gehackt|geïnfiltreerd|(?:offline|uit\s+de\s+lucht)\s+te\s+halen|op\s+te\s+rollen|te\s+ontmantelen|te\s+kraken)",
    ),
    (
        "de",
        Target,
        Backward,
        r"(?:abgeschaltet|zerschlagen|stillgelegt|lahmgelegt|ausgehoben|vom\s+Netz\s+genommen)",
    ),
    ("de", Target, Forward, r"getroffen\s+(?:wurden|wurde)(?:\s+auch)?"),
    (
        "es",
        Target,
        Backward,
        r"(?:fue|fueron|ha\s+sido|han\s+sido)\s+(?:también\s+)?(?:desmantelad[oa]s?|cerrad[oa]s?|desarticulad[oa]s?|afectad[oa]s?|intervenid[oa]s?)",
    ),
    // ---- partners (companies that cooperated or received referrals)
    (
        "en",
        Partner,
        Forward,
        r"(?:referred\s+(?:\w+\s+){0,3}to|service\s+providers?\s+(?:including|such\s+as|like)|providers?\s+(?:including|such\s+as)|platforms?\s+(?:including|such\s+as)|in\s+partnership\s+with|companies\s+(?:including|such\s+as))",
    ),
    (
        "nl",
        Partner,
        Forward,
        r"(?:doorverwezen\s+naar|doorgestuurd\s+naar|(?:online)?(?:dienstverleners?|diensten)\s+(?:zoals|waaronder)|platforms?\s+(?:zoals|waaronder)|bedrijven\s+(?:zoals|waaronder))",
    ),
    (
        "fr",
        Partner,
        Forward,
        r"(?:signalée?s?\s+(?:à|aux)|fournisseurs?\s+(?:de\s+services?\s+)?(?:dont|tels?\s+que|comme)|plateformes?\s+(?:comme|telles?\s+que|dont)|entreprises\s+(?:comme|telles?\s+que|dont))",
    ),
    (
        "de",
        Partner,
        Forward,
        r"(?:gemeldet\s+an|(?:Anbieter(?:n)?|Plattformen|Plattformbetreiber(?:n)?|Betreiber(?:n)?|Diensteanbieter(?:n)?)\s+(?:wie|darunter))",
    ),
    (
        "es",
        Partner,
        Forward,
        r"(?:remitid[oa]s?\s+a|(?:se\s+)?remiti(?:ó|o|eron)\s+a|proveedores\s+(?:como|entre\s+ellos)|plataformas\s+(?:como|tales\s+como|entre\s+ellas)|empresas\s+(?:como|tales\s+como))",
    ),
    // ---- a role named as the part someone played: "with Europol playing a
    // “coordinating role”", "the FBI played a leading role", "Eurojust joue un rôle de
    // coordination", "spielte eine koordinierende Rolle", "tuvo un papel de coordinación",
    // "speelde een coördinerende rol".
    (
        "en",
        CoordinatedBy,
        Backward,
        r#"(?:play(?:ed|ing|s)?|had|took\s+on)\s+(?:a|an|the)\s+[“"‘']?(?:key\s+|central\s+|crucial\s+|major\s+)?coordinat(?:ing|ion)\s+role"#,
    ),
    (
        "en",
        LedBy,
        Backward,
        r#"(?:play(?:ed|ing|s)?|had|took\s+on)\s+(?:a|the)\s+[“"‘']?leading\s+role"#,
    ),
    (
        "en",
        SupportedBy,
        Backward,
        r#"(?:play(?:ed|ing|s)?|had|took\s+on)\s+(?:a|an|the)\s+[“"‘']?(?:key\s+|central\s+|crucial\s+|major\s+)?support(?:ing|ive)?\s+role"#,
    ),
    (
        "fr",
        CoordinatedBy,
        Backward,
        r"(?:a\s+)?jou(?:é|e|ent|ait|aient|ant)\s+un\s+rôle\s+(?:\w+\s+)?de\s+coordination|(?:a\s+)?jou(?:é|e|ent|ait|aient|ant)\s+un\s+rôle\s+(?:de\s+)?coordinat(?:eur|rice)",
    ),
    (
        "de",
        CoordinatedBy,
        Backward,
        r"(?:spielten|spielte|spielt|übernahmen|übernahm|übernimmt|hatten|hatte)\s+(?:eine|die)\s+(?:\w+\s+)?koordinierende\s+Rolle",
    ),
    (
        "es",
        CoordinatedBy,
        Backward,
        r"(?:tuvo|tuvieron|desempeñó|desempeñaron|jugó|jugaron|ejerció|ejercieron|asumió|asumieron)\s+(?:un|el)\s+(?:\w+\s+)?(?:papel|rol)\s+(?:\w+\s+)?(?:de\s+)?coordina(?:ción|dor)",
    ),
    (
        "nl",
        CoordinatedBy,
        Backward,
        r"(?:speelden|speelde|speelt|spelen|hadden|had|vervulden|vervulde)\s+(?:een|de)\s+(?:\w+\s+)?coördinerende\s+rol",
    ),
    // ---- what was cracked: "unlocking the encryption of Sky ECC", "het kraken van
    // EncroChat", "le déchiffrement de", "die Entschlüsselung von", "el descifrado de".
    (
        "en",
        Target,
        Forward,
        r"(?:unlock(?:ed|ing)?|broke|break(?:ing)?|crack(?:ed|ing)?|decrypt(?:ed|ing)?)\s+(?:the\s+)?encryption\s+(?:of|used\s+by)|(?:decryption|cracking|hacking)\s+of",
    ),
    (
        "nl",
        Target,
        Forward,
        r"(?:het\s+)?(?:kraken|ontsleutelen|hacken)\s+van",
    ),
    (
        "fr",
        Target,
        Forward,
        r"(?:déchiffrement|décryptage|craquage|piratage)\s+d[eu'’]|(?:a|ont|avaient|avait)\s+(?:déchiffré|décrypté|craqué|piraté)",
    ),
    (
        "de",
        Target,
        Forward,
        r"(?:Entschlüsselung|Knacken|Hacken)\s+(?:von|der|des)",
    ),
    (
        "es",
        Target,
        Forward,
        r"(?:descifrado|desencriptación|desencriptado|hackeo|pirateo)\s+del?|(?:descifraron|descifró|desencriptaron|desencriptó|hackearon)",
    ),
    // ---- the people behind what was acted against: "the alleged operators of X",
    // "de beheerders van X", "les administrateurs de X", "die Betreiber von X", "los
    // administradores de X".
    (
        "en",
        Target,
        Forward,
        r"(?:operators?|administrators?|admins?|moderators?|founders?|masterminds?|creators?|developers?|ringleaders?)\s+(?:of|behind)",
    ),
    (
        "nl",
        Target,
        Forward,
        r"(?:beheerders?|oprichters?|exploitanten|ontwikkelaars?|brein)\s+(?:van|achter)",
    ),
    (
        "fr",
        Target,
        Forward,
        r"(?:administrateurs?|gestionnaires?|fondateurs?|opérateurs?|créateurs?|concepteurs?)\s+(?:présumés?\s+)?(?:d[eu'’]|des)",
    ),
    (
        "de",
        Target,
        Forward,
        r"(?:Betreiber[ns]?|Administrator(?:s|en)?|Gründer[ns]?|Macher[ns]?|Hintermänner[ns]?|Entwickler[ns]?)\s+(?:von|der|des|hinter)",
    ),
    (
        "es",
        Target,
        Forward,
        r"(?:administradores?|gestores|fundadores?|operadores?|creadores?|desarrolladores?|cabecillas?)\s+(?:presuntos?\s+)?(?:del?|detrás\s+del?)",
    ),
    // ---- control taken over a service: "took control of Hansa Market", "het beheer
    // over", "pris le contrôle de", "die Kontrolle über", "tomó el control de".
    (
        "en",
        Target,
        Forward,
        r"(?:took|taken|take|taking|gained|gaining)\s+(?:over\s+)?control\s+(?:of|over)",
    ),
    ("nl", Target, Forward, r"(?:het\s+)?(?:beheer|controle)\s+over"),
    (
        "fr",
        Target,
        Forward,
        r"(?:pris|prendre|prenant|prirent)\s+le\s+contrôle\s+d[eu'’]",
    ),
    ("de", Target, Forward, r"Kontrolle\s+über"),
    (
        "es",
        Target,
        Forward,
        r"(?:tomaron|tomó|tomar|tomado|asumieron|asumió)\s+el\s+control\s+del?",
    ),
    // ---- who had the lead: "Belgium had the lead in the action", "Belgien hatte bei der
    // Aktion die Federführung", "Die Federführung lag bei X", "X war federführend",
    // "België had de leiding", "De leiding lag bij X", "X a pris la tête de l'opération",
    // "X asumió la dirección de la operación".
    (
        "en",
        LedBy,
        Backward,
        r"(?:had|has|have|took|takes|taking)\s+the\s+(?:lead|leadership)\s+(?:in|on|of|for)",
    ),
    (
        "de",
        LedBy,
        Backward,
        r"(?:hatte|hatten|hat|haben|übernahm|übernahmen)\s+(?:\S+\s+){0,10}?die\s+Federführung",
    ),
    (
        "de",
        LedBy,
        Forward,
        r"Federführung\s+(?:hatte|hatten|lag\s+bei|liegt\s+bei|übernahm|übernahmen)|(?:lag|liegt)\s+die\s+Federführung\s+bei",
    ),
    ("de", LedBy, Backward, r"(?:war|waren|ist|sind)\s+federführend"),
    (
        "nl",
        LedBy,
        Backward,
        r"(?:had|hadden|heeft|hebben|nam|namen)\s+(?:\S+\s+){0,8}?de\s+leiding",
    ),
    (
        "nl",
        LedBy,
        Forward,
        r"leiding\s+(?:lag|ligt|was)\s+(?:bij|in\s+handen\s+van)",
    ),
    (
        "fr",
        LedBy,
        Backward,
        r"(?:a|avait|ont|avaient)\s+(?:pris|assuré|assumé)\s+la\s+(?:tête|direction)\s+d[eu'’]",
    ),
    (
        "es",
        LedBy,
        Backward,
        r"(?:tuvo|tuvieron|asumió|asumieron|ha\s+asumido|llevó|ha\s+llevado)\s+(?:el\s+liderazgo|la\s+dirección|la\s+batuta|el\s+mando)\s+del?",
    ),
    // ---- a relative clause, its verb last: "het Belgische OM, dat de actie leidde",
    // "Europol, dat de operatie coördineerde", "die Bundesanwaltschaft, die die Aktion
    // leitete".
    (
        "nl",
        LedBy,
        Backward,
        r"(?:dat|die)\s+(?:[^\s,]+\s+){0,4}?(?:de|het|deze|dit)\s+(?:[\w-]+\s+){0,2}?(?:actie|operatie|onderzoek|politieactie|zaak)\s+(?:[^\s,]+\s+){0,4}?(?:leidde|leidden|leidt|leiden)",
    ),
    (
        "nl",
        CoordinatedBy,
        Backward,
        r"(?:dat|die)\s+(?:[^\s,]+\s+){0,4}?(?:de|het|deze|dit)\s+(?:[\w-]+\s+){0,2}?(?:actie|operatie|onderzoek|politieactie|zaak)\s+(?:[^\s,]+\s+){0,4}?(?:coördineerde|coördineerden|coördineert|coordineerde)",
    ),
    (
        "de",
        LedBy,
        Backward,
        r"(?:der|die|das)\s+(?:[^\s,]+\s+){0,4}?(?:die|das|den)\s+(?:\w+\s+){0,2}?(?:Ermittlungen|Aktion|Operation|Einsatz|Verfahren)\s+(?:[^\s,]+\s+){0,4}?(?:leitete|leiteten|leitet|führte|führten)",
    ),
    (
        "de",
        CoordinatedBy,
        Backward,
        r"(?:der|die|das)\s+(?:[^\s,]+\s+){0,4}?(?:die|das|den)\s+(?:\w+\s+){0,2}?(?:Ermittlungen|Aktion|Operation|Einsatz|Verfahren)\s+(?:[^\s,]+\s+){0,4}?(?:koordinierte|koordinierten|koordiniert)",
    ),
    // The object between "mettre" and where it is put: "Europol a mis X hors d'état de
    // nuire", "ont mis le forum X hors ligne".
    (
        "fr",
        Target,
        Backward,
        r"hors\s+d['’]état\s+de\s+nuire|hors\s+(?:ligne|service)",
    ),
    // Who took part, listed after the verb of a noun phrase: "other authorities involved
    // in the operation include ...", "the agencies taking part were ...".
    (
        "en",
        Participant,
        Forward,
        r"(?:authorities|agencies|countries|partners|services|forces)\s+(?:also\s+)?(?:involved|participating|taking\s+part)(?:\s+in\s+(?:the|this)\s+(?:\w+\s+)?(?:operation|investigation|action|case|takedown|effort))?\s+(?:include|included|including|were|are)",
    ),
    // The German frame "An der Aktion waren X, Y und Z beteiligt": who took part stands
    // between the auxiliary and the participle.
    (
        "de",
        Participant,
        Forward,
        r#"an\s+(?:der|dem|den|diesem|dieser)\s+(?:\w+\s+){0,2}?(?:Aktion|Operation|Ermittlungen|Razzia|Razzien|Einsatz|Aktionstag|Zerschlagung|Abschaltung)\s+(?:(?:gegen|um|zu)\s+(?:die\s+|den\s+|das\s+)?["„“]?[\w-]+["“”]?\s+)?(?:waren|war|sind|ist)(?:\s+unter\s+anderem|\s+u\.\s*a\.)?"#,
    ),
    // "The action was made possible through partnerships with X and Y".
    (
        "en",
        Participant,
        Forward,
        r"(?:through|via|thanks\s+to)\s+(?:(?:a|its|their)\s+)?(?:\w+\s+)?partnerships?\s+with",
    ),
    // Who played a part: "Australia and Canada also played a key role", "ont joué un
    // rôle", "speelden een belangrijke rol", "spielten eine wichtige Rolle",
    // "desempeñaron un papel".
    (
        "en",
        Participant,
        Backward,
        r"(?:played|have\s+played|has\s+played)\s+(?:a|an)\s+(?:\w+\s+)?(?:role|part)",
    ),
    (
        "nl",
        Participant,
        Backward,
        r"(?:speelden|speelde|(?:hebben|heeft)\s+(?:\w+\s+)?gespeeld)\s+(?:ook\s+)?een\s+(?:\w+\s+)?rol|(?:hebben|heeft)\s+(?:ook\s+)?een\s+(?:\w+\s+)?rol\s+gespeeld",
    ),
    (
        "de",
        Participant,
        Backward,
        r"(?:spielten|spielte)\s+(?:auch\s+|ebenfalls\s+)?eine\s+(?:\w+\s+)?Rolle",
    ),
    (
        "es",
        Participant,
        Backward,
        r"(?:desempeñ(?:ó|aron)|jug(?:ó|aron)|(?:ha|han)\s+(?:desempeñado|jugado))\s+(?:también\s+)?un\s+(?:\w+\s+)?papel",
    ),
    // "Bij de actie waren politiediensten betrokken van onder meer Australië en Canada":
    // whose services took part follows "betrokken van".
    (
        "nl",
        Participant,
        Forward,
        r"betrokken\s+(?:van|uit)(?:\s+onder\s+(?:meer|andere))?",
    ),
    // Who cooperated with whom: both sides took part ("The FBI cooperated with the Dutch
    // police", "a coopéré avec", "cooperó con", "kooperierten deutsche Behörden mit").
    (
        "en",
        Participant,
        Forward,
        r"(?:cooperated|co-operated|collaborated|partnered)\s+(?:closely\s+)?with|worked\s+closely\s+with",
    ),
    (
        "fr",
        Participant,
        Forward,
        r"(?:a|ont)\s+(?:étroitement\s+)?(?:coopéré|collaboré)\s+avec|(?:a|ont)\s+travaillé\s+étroitement\s+avec",
    ),
    // The same words backward: a shorter cue inside them would be hidden.
    (
        "fr",
        Participant,
        Backward,
        r"(?:a|ont)\s+(?:étroitement\s+)?(?:coopéré|collaboré)\s+avec|(?:a|ont)\s+travaillé\s+étroitement\s+avec",
    ),
    (
        "es",
        Participant,
        Forward,
        r"(?:cooper(?:ó|aron)|colabor(?:ó|aron)|(?:ha|han)\s+(?:cooperado|colaborado))\s+(?:estrechamente\s+)?con|(?:trabaj(?:ó|aron)|(?:ha|han)\s+trabajado)\s+estrechamente\s+con",
    ),
    (
        "es",
        Participant,
        Backward,
        r"(?:cooper(?:ó|aron)|colabor(?:ó|aron)|(?:ha|han)\s+(?:cooperado|colaborado))\s+(?:estrechamente\s+)?con|(?:trabaj(?:ó|aron)|(?:ha|han)\s+trabajado)\s+estrechamente\s+con",
    ),
    (
        "de",
        Participant,
        Forward,
        r"(?:kooperierten|kooperierte|kooperiert|arbeiteten|arbeitete)\s+(?:\S+\s+){0,8}?mit",
    ),
    // The part played, told at the end of a Dutch or German subordinate clause:
    // "waarbij Europol en Eurojust een coördinerende rol speelden", "wobei Europol eine
    // koordinierende Rolle spielte"; and the supporting part in Dutch and German.
    (
        "nl",
        CoordinatedBy,
        Backward,
        r"(?:een|de)\s+(?:\w+\s+)?coördinerende\s+rol\s+(?:speelden|speelde|speelt|spelen|vervulden|vervulde|(?:hebben|heeft)\s+gespeeld)",
    ),
    (
        "de",
        CoordinatedBy,
        Backward,
        r"(?:eine|die)\s+(?:\w+\s+)?koordinierende\s+Rolle\s+(?:spielten|spielte|spielt|spielen|übernahmen|übernahm|gespielt\s+(?:hat|haben|hatte|hatten))",
    ),
    (
        "nl",
        SupportedBy,
        Backward,
        r"(?:speelden|speelde|speelt|spelen|vervulden|vervulde)\s+(?:een|de)\s+(?:\w+\s+)?ondersteunende\s+rol|(?:een|de)\s+(?:\w+\s+)?ondersteunende\s+rol\s+(?:speelden|speelde|speelt|spelen|vervulden|vervulde|(?:hebben|heeft)\s+gespeeld)",
    ),
    (
        "de",
        SupportedBy,
        Backward,
        r"(?:spielten|spielte|spielt|übernahmen|übernahm)\s+(?:eine|die)\s+(?:\w+\s+)?unterstützende\s+Rolle|(?:eine|die)\s+(?:\w+\s+)?unterstützende\s+Rolle\s+(?:spielten|spielte|spielt|spielen|übernahmen|übernahm|gespielt\s+(?:hat|haben|hatte|hatten))",
    ),
    // Support told with an article and an adjective, and the countries that gave it:
    // "avec un soutien additionnel de pays comme la Bulgarie", "con el apoyo adicional
    // de países como Bulgaria".
    (
        "fr",
        SupportedBy,
        Forward,
        r"(?:avec|grâce\s+à)\s+(?:un|le)\s+(?:\w+\s+)?(?:soutien|appui|concours)\s+(?:\w+\s+)?d(?:es|e|u|['’])(?:\s*(?:autres\s+)?pays\s+(?:comme|tels\s+que|dont))?",
    ),
    (
        "es",
        SupportedBy,
        Forward,
        r"con\s+(?:un|el)\s+(?:\w+\s+)?(?:apoyo|respaldo)\s+(?:\w+\s+)?del?(?:\s+(?:otros\s+)?países\s+(?:como|tales\s+como))?",
    ),
    // A Dutch relative clause with its verb last: "Interpol, die de acties coördineerde".
    (
        "nl",
        CoordinatedBy,
        Backward,
        r"(?:die|dat)\s+(?:\w+\s+){0,2}?(?:de|het|deze)\s+(?:\w+\s+){0,2}?(?:actie|acties|actiedag|actiedagen|operatie|operaties|onderzoek|inval|invallen)\s+(?:coördineerden?|coordineerden?|(?:heeft|hebben)\s+gecoördineerd)",
    ),
];

/// Location cues: "in X" after an action that happens somewhere (arrest, seizure, search).
/// Matched case-insensitively on word boundaries ([`WordRegex::words`]).
pub const LOCATION_ACTIONS: &str = r"garde\s+à\s+vue|fand|fanden|stattgefunden|vond|vonden|plaatsgevonden|s['’]est\s+déroulée?|se\s+sont\s+déroulée?s|(?:a|ont)\s+eu\s+lieu|tuvo\s+lugar|tuvieron\s+lugar|se\s+desarroll(?:ó|aron)|invallen|inval|closed|fermée?s?|gesloten|geschlossen|cerrad[oa]s?|clausurad[oa]s?|desarticulad[oa]s?|took\s+down|taken\s+down|shut\s+down|offline\s+gehaald|uit\s+de\s+lucht\s+gehaald|platgelegd|opgerold|doorzocht|abgeschaltet|lahmgelegt|vom\s+Netz\s+genommen|dismantled|démantelée?s?|desmantelad[oa]s?|arrest(?:ed|s)?|detain(?:ed)?|seiz(?:ed|ure|ures)|search(?:ed|es)?|raid(?:ed|s)?|house\s+searches|intervened|confiscated|took\s+place|carried\s+out|apprehended|simultaneously|simultaneous|efectuad[oa]|realizad[oa]|desarrollad[oa]|registrad[oa]s?|llevad[oa]\s+a\s+cabo|simultánea|simultáneamente|simultanément|gleichzeitig|tegelijkertijd|aanhouding(?:en)?|aangehouden|gearresteerd|opgepakt|huiszoeking(?:en)?|inbeslagname|in\s+beslag|interpellée?s?|arrêtée?s?|appréhendée?s?|aprehendid[oa]s?|interpellation|perquisitions?|saisie?s?|festgenommen(?:e[nr]?)?|gefasst|verhaftet(?:e[nr]?)?|Festnahmen?|Durchsuchung(?:en)?|durchsucht|beschlagnahmt|sichergestellt|detenid[oa]s?|detenci(?:ón|ones)|arrestad[oa]s?|registros?|incautad[oa]s?|incautaci(?:ón|ones)";

/// The prepositions that introduce a location.
/// Also a region noun before the names ("in the provinces of", "en las provincias de").
pub const LOCATION_PREPS: &str = r"(?i)(?:\b(?:in|at|across|throughout|en|dans|à|au|aux|im|in\s+der|in\s+den|in\s+dem|bei|en\s+el|en\s+la|en\s+los|en\s+las|in\s+de|in\s+het|te|verspreid\s+over|verdeeld\s+over|verteilt\s+(?:über|auf)|répartie?s?\s+(?:dans|entre|sur)|repartid[oa]s?\s+(?:por|entre))\s+|\b(?:countries|países|pays|landen|Ländern|Staaten)\s*(?:[–—:-]|,|including|such\s+as|como|namely|dont|darunter|waaronder)?\s*|\b(?:provinces?|regions?|cities|provincias|regiones|ciudades|localidades|provincies|steden|départements?|régions?|villes|Provinzen|Regionen|Städten|Bundesländern)\s+(?:(?:of|de|d'|van|von)\s+)?)$";

/// (kind, pattern) — words that name an operation, per language.
const TRIGGERS: &[(&str, &str)] = &[
    (
        "referral action",
        r"(?:referral\s+action(?:\s+days?)?|action\s+days?|joint\s+action\s+days?|Aktionstage?|actiedag(?:en)?|journées?\s+d['’]action|días?\s+de\s+acción)",
    ),
    (
        "takedown",
        r"(?:take-?downs?|took\s+down|taken\s+down|take\s+down|broke\s+up|broken\s+up|dismantl(?:ed|ing|ement)|shut\s+down|shutdown|crippled?|knocked\s+offline|offline\s+gehaald|ontmanteld|ontmanteling|démantel(?:é|ée|és|ées|ement)|démantèlements?|démantelèrent|a\s+démantelé|ont\s+démantelé|zerschlagen(?:e[nmrs]?)?|Zerschlagung|abgeschaltet(?:e[nmrs]?)?|stillgelegte[nmrs]?|lahmgelegte[nmrs]?|abschalten|abzuschalten|vom\s+Netz(?:\s+genommen)?|desmantel(?:ad[oa]s?|amiento|ó|aron)|cerrad[oa]s?|cerró|cerraron|cierran|clausurad[oa]s?|clausuró|clausuraron|hors\s+d['’]état\s+de\s+nuire|took\s+(?:\S+\s+){0,4}?offline|taken\s+offline|desarticul(?:ad[oa]s?|ación|ó|aron)|uit\s+de\s+lucht\s+gehaald|(?:offline|uit\s+de\s+lucht)\s+(?:te\s+)?halen|platgelegd|opgerold|oprollen)",
    ),
    (
        "arrest",
        r"(?:arrests?|arrested|detained|detentions?|apprehended|aanhouding(?:en)?|aangehouden|gearresteerd|opgepakt|arresteerden?|arrestations?|interpellée?s?|interpellations?|(?:a|ont)\s+(?:arrêté|interpellé)|(?:été|sont|est)\s+arrêtée?s?|appréhendée?s?|Festnahmen?|festgenommen|festnehmen\s+lassen|verhaftet|nahm(?:en)?\s+(?:\S+\s+){0,6}?fest|detenid[oa]s?|detenci(?:ón|ones)|arrestad[oa]s?|aprehendid[oa]s?|detuvo|detuvieron|arrestó|arrestaron)",
    ),
    (
        "raid",
        r"(?:raids?|raided|searches|house\s+searches|invallen|inval|huiszoekingen|perquisitions|Razzien|Razzia|Durchsuchungen|redadas?|registros)",
    ),
    (
        "seizure",
        r"(?:seized|seizures?|confiscated|in\s+beslag\s+genomen|inbeslagname|in\s+beslag|saisie?s?|beschlagnahmt|beschlagnahmten?|sichergestellt|stellten?\s+(?:\S+\s+){0,8}?sicher|incautad[oa]s?|incautaci(?:ón|ones)|incautó|incautaron|intervino|intervinieron|se\s+(?:han|ha|habían|había)\s+intervenido|(?:fueron|han\s+sido)\s+intervenid[oa]s)",
    ),
    (
        "operation",
        r"(?:operations?|operation|actions?|crackdown|offensive|strike|blow|coup|sweep|investigation|operaties?|operatie|acties?|actie|aanval|slag|opérations?|opération|offensive|coup\s+de\s+filet|Aktionen|Aktion|Operation|Einsatz|Schlag|Großrazzia|operaci(?:ón|ones)|operativo|golpe|acci(?:ón|ones))",
    ),
];

/// Takedown verbs in the active voice: the agencies and countries before them did it
/// ("German police said they have shut down", "la police espagnole a démantelé").
/// Backward participant cues for actors only ([`RoleCue::actors_only`]): a company or a
/// marketplace before them is their object ("Hydra Market shut down"). Dutch and German
/// put the object between auxiliary and participle ("heeft de servers van Hydra offline
/// gehaald"): their cues span both, and the names inside are left to other cues.
const ACTING_CUES: &[(&str, &str)] = &[
    (
        "nl",
        r#"(?:hebben|heeft|hadden|had)\s+(?:[\w'’."“”„«»-]+\s+){0,12}?(?:ontmanteld|opgerold|offline\s+gehaald|uit\s+de\s+lucht\s+gehaald|platgelegd|gekraakt|gehackt|geïnfiltreerd|verstoord)"#,
    ),
    (
        "de",
        r#"(?:haben|hat|hatten|hatte|habe|hätten|hätte)\s+(?:[\w'’."“”„«»-]+\s+){0,12}?(?:abgeschaltet|zerschlagen|vom\s+Netz\s+genommen|stillgelegt|ausgehoben|lahmgelegt)"#,
    ),
    (
        "en",
        r"(?:have|has|had)\s+(?:shut|taken|closed)\s+down|(?:shut|took)\s+down|(?:have|has|had)\s+dismantled|(?:have|has|had)\s+removed|removed|(?:have|has|had)\s+moved\s+against|moved\s+against",
    ),
    (
        "fr",
        r"(?:ont|a|avaient|avait)\s+(?:démantelé|fermé|neutralisé|mis\s+hors\s+service)",
    ),
    (
        "es",
        r"(?:han|ha|habían|había)\s+(?:desmantelado|desarticulado|cerrado|clausurado)|desmantel(?:ó|aron)|desarticul(?:ó|aron)|cerr(?:ó|aron)|clausur(?:ó|aron)",
    ),
    // Carrying out an action, as "carried out by" is participation: "Belgian and Dutch
    // authorities carried out a joint action". (Conducting one is leading it: "X
    // conducted the operation", "menée par".)
    (
        "en",
        r"(?:carried\s+out|mounted)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:operation|action|raids?|crackdown)",
    ),
    (
        "fr",
        r"(?:ont|a)\s+(?:réalisé|effectué)\s+(?:une|l['’]|des|cette)\s*(?:[\w-]+\s+){0,2}?(?:opération|action|perquisitions?|coup\s+de\s+filet)",
    ),
    (
        "es",
        r"(?:llevaron|llevó|han\s+llevado|ha\s+llevado)\s+a\s+cabo|(?:realizaron|efectuaron|desarrollaron)\s+(?:una|la|el|un)\s+(?:[\w-]+\s+){0,2}?(?:operación|acción|operativo)",
    ),
    ("nl", r#"(?:hebben|heeft)\s+(?:[\w'’."“”„«»-]+\s+){0,12}?uitgevoerd"#),
    ("de", r#"(?:haben|hat)\s+(?:[\w'’."“”„«»-]+\s+){0,12}?durchgeführt"#),
    // A separable verb around its subjects: "Aan de actie werkten ook de Spaanse Guardia
    // Civil en de Italiaanse Carabinieri mee", "An der Aktion nahmen Polizisten aus X teil".
    (
        "nl",
        r"(?:werkten|werkte|namen|nam|deden|deed)\s+(?:\S+\s+){0,16}?(?:mee|deel)",
    ),
    ("de", r"(?:nahmen|nahm|wirkten|wirkte)\s+(?:\S+\s+){0,16}?(?:teil|mit)"),
    // Arresting, seizing, searching: "De Belgische politie heeft twaalf verdachten
    // aangehouden", "Die Polizei nahm drei Männer fest", "la police belge a interpellé".
    (
        "nl",
        r"(?:hebben|heeft|hadden|had)\s+(?:\S+\s+){0,12}?(?:aangehouden|gearresteerd|opgepakt|in\s+beslag\s+genomen|doorzocht)|arresteerden?|(?:pakten|pakte)\s+(?:\S+\s+){0,8}?op|(?:hielden|hield)\s+(?:\S+\s+){0,8}?aan|(?:namen|nam)\s+(?:\S+\s+){0,8}?in\s+beslag",
    ),
    (
        "de",
        r"(?:haben|hat|hatten|hatte|habe|hätten|hätte)\s+(?:\S+\s+){0,12}?(?:festgenommen|verhaftet|beschlagnahmt|sichergestellt|durchsucht|(?:festnehmen|verhaften|durchsuchen)\s+lassen)|(?:nahmen|nahm)\s+(?:\S+\s+){0,8}?fest|verhafteten?|(?:stellten|stellte)\s+(?:\S+\s+){0,8}?sicher|durchsuchten?|beschlagnahmten?",
    ),
    (
        "fr",
        r"(?:ont|a|avaient|avait)\s+(?:également\s+|aussi\s+)?(?:arrêté|interpellé|saisi|perquisitionné|procédé\s+à)",
    ),
    // Being involved, with the subjects between auxiliary and participle: "An der Aktion
    // war auch das Bundeskriminalamt (BKA) beteiligt", "Bij de actie waren ook de FBI en
    // de NCA betrokken".
    (
        "de",
        r"(?:war|waren)\s+(?:\S+\s+){0,12}?(?:beteiligt|eingebunden|involviert)",
    ),
    ("nl", r"(?:was|waren)\s+(?:\S+\s+){0,12}?betrokken"),
    // "Bei den Ermittlungen kooperierten deutsche Behörden mit dem FBI".
    ("de", r"(?:kooperierten|kooperierte)\s+(?:\S+\s+){0,8}?mit"),
];

/// The agent of a takedown, an arrest or a seizure told in the passive or as a noun
/// ("the network was dismantled by the Belgian police", "le réseau a été démantelé par",
/// "fue desmantelada por", "the dismantling of the network by", "die Zerschlagung des
/// Netzwerks durch", "de ontmanteling van het netwerk door"): forward participant cues for
/// actors only ([`RoleCue::actors_only`]), which neither hide nor are hidden by the
/// target cue they overlap ("Emotet was dismantled by ...": Emotet stays the target).
const AGENT_CUES: &[(&str, &str)] = &[
    (
        "en",
        r"(?:dismantled|disrupted|taken\s+down|shut\s+down|closed\s+down|arrested|detained|apprehended|seized|raided|infiltrated|hacked|neutrali[sz]ed|busted)(?:\s+(?:on|in|between|last|this)\s+[\w.]+(?:\s+[\w.]+){0,2}?)?\s+by|(?:dismantling|takedown|take-down|shutdown|disruption|arrests?|seizures?)\s+(?:of\s+(?:[\w'’-]+\s+){1,5}?)?by",
    ),
    (
        "fr",
        r"(?:démantelée?s?|arrêtée?s?|interpellée?s?|fermée?s?|neutralisée?s?|perquisitionnée?s?|infiltrée?s?|piratée?s?|mise?s?\s+hors\s+service)(?:\s+(?:le|en|à|au|ce)\s+[\w.]+(?:\s+[\w.]+){0,2}?)?\s+par|(?:démantèlement|arrestation|interpellation|fermeture|neutralisation),?\s+(?:[\w'’-]+,?\s+){0,5}?par",
    ),
    (
        "es",
        r"(?:desmantelad[oa]s?|desarticulad[oa]s?|detenid[oa]s?|arrestad[oa]s?|incautad[oa]s?|intervenid[oa]s?|clausurad[oa]s?)(?:\s+(?:el|en|este|esta)\s+[\w.]+(?:\s+[\w.]+){0,4}?)?\s+por|(?:desmantelamiento|desarticulación|detención|detenciones|incautación)\s+(?:[\w'’-]+\s+){0,5}?por",
    ),
    (
        "nl",
        r"(?:ontmanteling|oprollen|aanhouding(?:en)?|arrestatie(?:s)?|inbeslagname|uitschakeling)\s+van\s+(?:\S+\s+){1,5}?door|(?:opgerold|ontmanteld|aangehouden|gearresteerd|opgepakt|doorzocht|offline\s+gehaald|uit\s+de\s+lucht\s+gehaald|in\s+beslag\s+genomen)\s+door",
    ),
    (
        "de",
        r"(?:Zerschlagung|Festnahmen?|Abschaltung|Beschlagnahm(?:e|ung)|Sicherstellung|Stilllegung)\s+(?:\S+\s+){0,5}?durch",
    ),
];

/// The owner of an action, right after its noun: "an operation by the Dutch police",
/// "een actie van de FIOD", "une opération de la police belge", "una operación de la
/// Guardia Civil", "eine Aktion der Bundespolizei": agent cues ([`AGENT_CUES`]) too.
/// Not English "of" ("investigations of the Russian marketplace"), nor German "von"
/// ("Koordiniert wurde die Aktion von Europol").
const OWNER_CUES: &[(&str, &str)] = &[
    (
        "en",
        r"(?:operations?|actions?|raids?|crackdown|investigations?|searches)\s+by",
    ),
    (
        "nl",
        r"(?:actie|acties|operatie|onderzoek|inval|invallen|doorzoekingen)\s+van",
    ),
    (
        "fr",
        r"(?:opérations?|actions?|enquêtes?|coup\s+de\s+filet|perquisitions?)\s+(?:de|du|des|d['’])",
    ),
    (
        "es",
        r"(?:operaci(?:ón|ones)|operativos?|actuaci(?:ón|ones)|investigaci(?:ón|ones)|redadas?)\s+(?:de|del)",
    ),
    (
        "de",
        r"(?:Aktion|Operation|Razzia|Razzien|Ermittlungen|Einsatz|Durchsuchungen)\s+(?:der|des)",
    ),
];

/// German and Dutch put a passive's agent before the participle that ends the clause:
/// "Die Aktion wurde am Dienstag von der Bundespolizei durchgeführt", "Het netwerk werd
/// door de Belgische politie opgerold". Backward participant cues for actors only whose
/// names must follow "von", "durch" or "door" ([`RoleCue::needs_agent`]): "in Spanien
/// durchgeführt" says where, not who.
const AGENT_BEFORE_CUES: &[(&str, &str)] = &[
    (
        "de",
        r"(?:durchgeführt|zerschlagen(?:e[nmrs]?)?|abgeschaltet(?:e[nmrs]?)?|festgenommen|verhaftet|beschlagnahmt(?:e[nmrs]?)?|sichergestellt(?:e[nmrs]?)?|durchsucht|ausgehoben|vollzogen|vollstreckt)",
    ),
    (
        "nl",
        r"(?:uitgevoerd|opgerold|ontmanteld|aangehouden|gearresteerd|opgepakt|doorzocht|offline\s+gehaald|uit\s+de\s+lucht\s+gehaald|in\s+beslag\s+genomen)",
    ),
];

/// Participant cues that only make a country an actor ("authorities in X", "experts from
/// X"): compiled with [`RoleCue::generic`] set. Right after another cue they belong to
/// it ("with the help of authorities in X" makes X a supporter).
const GENERIC_ACTOR_CUES: &[(&str, &str)] = &[
    (
        "en",
        r"(?:authorities|police|officers|investigators|prosecutors|agencies|forces)\s+(?:from|of|in)",
    ),
    (
        "en",
        r"(?:experts|units|specialists|teams|representatives|officers|officials|investigators|counterparts|partners)\s+(?:from|of|in)",
    ),
    (
        "de",
        r"\w*(?:behörden|Behörden|ermittler|Ermittler|polizei|Polizei|Polizeien|Polizisten)\s+(?:aus|in)",
    ),
    (
        "de",
        r"(?:Teams|Ermittlerteams|Einheiten|Beamte|Beamten|Fahnder|Einsatzkräfte|Spezialisten|Experten|Fachleute|Kollegen)\s+(?:aus|von)",
    ),
    (
        "nl",
        r"(?:autoriteiten|politie|politiediensten|politiemensen|politieagenten|agenten|rechercheurs|speurders|opsporingsdiensten)\s+in",
    ),
    (
        "fr",
        r"(?:autorités|polices?|policiers|gendarmes|agents|enquêteurs|équipes|experts|spécialistes|homologues|services\s+de\s+renseignement|forces\s+de\s+l['’]ordre)\s+(?:de|d['’]|des|du)|(?:policiers|gendarmes|agents|enquêteurs|officiers)\s+(?:en|au|aux)",
    ),
    (
        "es",
        r"(?:autoridades|polic[ií]as?|agentes|efectivos|equipos|expertos|especialistas|investigadores|homólogos|servicios\s+de\s+inteligencia)\s+(?:de|del)",
    ),
];

/// The compiled role cues.
pub fn role_cues() -> &'static [RoleCue] {
    static CUES: OnceLock<Vec<RoleCue>> = OnceLock::new();
    CUES.get_or_init(|| {
        ROLE_CUES
            .iter()
            .enumerate()
            .filter_map(|(i, (lang, role, dir, pat))| {
                let re = WordRegex::words(pat).ok()?;
                Some(RoleCue {
                    re,
                    role: *role,
                    direction: *dir,
                    rule: format!("cue:{lang}:{}:{i}", role.as_str()),
                    confidence: match dir {
                        Forward => 0.8,
                        Backward => 0.7,
                    },
                    generic: false,
                    actors_only: false,
                    needs_agent: false,
                })
            })
            .chain(participant_cues(GENERIC_ACTOR_CUES, Special::Generic))
            .chain(participant_cues(ACTING_CUES, Special::Acting))
            .chain(participant_cues(AGENT_CUES, Special::Agent))
            .chain(participant_cues(AGENT_BEFORE_CUES, Special::AgentBefore))
            .chain(participant_cues(OWNER_CUES, Special::Owner))
            .collect()
    })
}

/// The two special participant tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Special {
    /// [`GENERIC_ACTOR_CUES`]: forward, a country acts through them.
    Generic,
    /// [`ACTING_CUES`]: backward, actors only.
    Acting,
    /// [`AGENT_CUES`]: forward, actors only.
    Agent,
    /// [`AGENT_BEFORE_CUES`]: backward, actors only, after "von", "durch" or "door".
    AgentBefore,
    /// [`OWNER_CUES`]: as [`Special::Agent`], under their own rule names.
    Owner,
}

/// The compiled participant cues of a special table.
fn participant_cues(table: &'static [(&'static str, &'static str)], special: Special) -> impl Iterator<Item = RoleCue> {
    let (direction, kind, confidence) = match special {
        Special::Generic => (Forward, "generic", 0.8),
        Special::Acting => (Backward, "acting", 0.7),
        Special::Agent => (Forward, "agent", 0.7),
        Special::AgentBefore => (Backward, "agent-before", 0.7),
        Special::Owner => (Forward, "owner", 0.7),
    };
    table.iter().enumerate().filter_map(move |(i, (lang, pat))| {
        Some(RoleCue {
            re: WordRegex::words(pat).ok()?,
            role: Participant,
            direction,
            rule: format!("cue:{lang}:participant:{kind}-{i}"),
            confidence,
            generic: special == Special::Generic,
            actors_only: special != Special::Generic,
            needs_agent: special == Special::AgentBefore,
        })
    })
}

/// The compiled triggers.
pub fn triggers() -> &'static [Trigger] {
    static T: OnceLock<Vec<Trigger>> = OnceLock::new();
    T.get_or_init(|| {
        TRIGGERS
            .iter()
            .filter_map(|(kind, pat)| {
                Some(Trigger {
                    re: WordRegex::words(pat).ok()?,
                    kind,
                })
            })
            .collect()
    })
}

/// All role-cue patterns in one prefilter set (see [`WordSet`]): one pass over a sentence
/// says which cues may occur; each is then checked on its own.
fn cue_set() -> Option<&'static WordSet> {
    static SET: OnceLock<Option<WordSet>> = OnceLock::new();
    SET.get_or_init(|| WordSet::new(role_cues().iter().map(|c| &c.re)).ok())
        .as_ref()
}

/// The role cues that occur in a text.
pub fn matching_cues(text: &str) -> impl Iterator<Item = &'static RoleCue> + use<'_> {
    let cues = role_cues();
    WordSet::candidates_of(cue_set(), text, cues.len())
        .into_iter()
        .filter_map(move |i| cues.get(i))
        .filter(move |c| c.re.is_match(text))
}

/// Does `text` tell an action of this kind (a trigger of the kind, wherever it stands)?
pub fn tells_kind(text: &str, kind: &str) -> bool {
    triggers().iter().any(|t| t.kind == kind && t.re.is_match(text))
}

/// All triggers as one alternation, one group per kind, in table order.
fn trigger_re() -> &'static Option<WordRegex> {
    static RE: OnceLock<Option<WordRegex>> = OnceLock::new();
    RE.get_or_init(|| {
        let alts: Vec<String> = TRIGGERS.iter().map(|(_, pat)| format!("({pat})")).collect();
        WordRegex::words(&alts.join("|")).ok()
    })
}

/// Finds the first trigger in a text: (span start, end, kind). At one position, the
/// kind listed first in the table wins.
pub fn find_trigger(text: &str) -> Option<(usize, usize, &'static str)> {
    let re = trigger_re().as_ref()?;
    let caps = re.captures_at(text, 0)?;
    let whole = caps.first().copied().flatten()?;
    let kind = (1..caps.len())
        .find(|&i| caps.get(i).is_some_and(Option::is_some))
        .and_then(|i| TRIGGERS.get(i - 1))
        .map(|(k, _)| *k)?;
    Some((whole.start, whole.end, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cue_compiles() {
        assert_eq!(
            role_cues().len(),
            ROLE_CUES.len()
                + GENERIC_ACTOR_CUES.len()
                + ACTING_CUES.len()
                + AGENT_CUES.len()
                + AGENT_BEFORE_CUES.len()
                + OWNER_CUES.len()
        );
        let generic: Vec<&RoleCue> = role_cues().iter().filter(|c| c.generic).collect();
        assert_eq!(generic.len(), GENERIC_ACTOR_CUES.len());
        assert!(generic.iter().all(|c| c.role == Participant));
        assert!(generic.iter().any(|c| c.re.is_match("police from Spain")));
        assert_eq!(triggers().len(), TRIGGERS.len());
        // Every rule name says which cue it was: provenance points at one pattern.
        let mut rules: Vec<&str> = role_cues().iter().map(|c| c.rule.as_str()).collect();
        rules.sort_unstable();
        let n = rules.len();
        rules.dedup();
        assert_eq!(rules.len(), n, "two cues share a rule name");
        // Every cue is found by its words: one without would go to the lazy DFA, whose
        // states text it has not seen keeps building.
        assert_eq!(cue_set().map(WordSet::without_words), Some(0));
        assert!(WordRegex::words(LOCATION_ACTIONS).is_ok());
        assert!(regex::Regex::new(LOCATION_PREPS).is_ok());
    }

    #[test]
    fn cues_in_five_languages() {
        let cases = [
            ("The raid was led by the judge.", LedBy),
            ("De actie stond onder leiding van het parket.", LedBy),
            ("L'opération a été coordonnée par l'agence.", CoordinatedBy),
            ("Die Aktion wurde von Europol unterstützt durch Eurojust.", SupportedBy),
            ("La operación contó con el apoyo de Europol.", SupportedBy),
            ("Dabei seien Teams aus Belgien beteiligt gewesen.", Participant),
            ("Auch Schweden war in die Ermittlungen eingebunden.", Participant),
            ("An der Aktion waren Ermittler aus Schweden beteiligt.", Participant),
            (
                "It was made possible through partnerships with the police of Ruritania.",
                Participant,
            ),
            ("Europol and other agencies have moved against the botnet.", Participant),
            (
                "Other authorities involved in the operation include the police of Ruritania.",
                Participant,
            ),
            (
                "Les autorités belges avaient coordonné le démantèlement du réseau.",
                CoordinatedBy,
            ),
            ("Europol coordinated the takedown of the service.", CoordinatedBy),
            ("Videos wurden Plattformbetreibern wie WordPress gemeldet.", Partner),
            ("Rechercheurs uit België werkten mee.", Participant),
            // Breaking into a service acts against it.
            ("French police hacked into the network.", Target),
            ("Franse rechercheurs kraakten de chatdienst.", Target),
            ("Les gendarmes ont piraté le réseau.", Target),
            ("La policía hackeó el servicio.", Target),
            ("L'opération a permis de perturber l'agence Amaq.", Target),
            // Acting on someone's orders: they lead.
            ("The raids took place at the request of the prosecutor.", LedBy),
            ("De invallen werden gedaan in opdracht van het parket.", LedBy),
            (
                "Les perquisitions ont eu lieu sur commission rogatoire d'un juge.",
                LedBy,
            ),
            ("Die Durchsuchungen erfolgten im Auftrag der Staatsanwaltschaft.", LedBy),
            ("Los registros se hicieron por orden del juez.", LedBy),
            ("He welcomed the arrests made by the police.", Participant),
            ("La policía holandesa cerró la plataforma.", Participant),
            ("De actie werd uitgevoerd door de politie.", Participant),
            ("Die Aktion wurde durchgeführt von der Polizei.", Participant),
            // An operation named by its code name.
            ("Interpol coordinated Operation Pangea.", CoordinatedBy),
            ("The FBI led Operation Trojan Shield.", LedBy),
            ("Europol supported Operation Vexmoor.", SupportedBy),
            // The judge who instructs a Spanish case leads it.
            ("La causa, instruida por el juzgado, sigue abierta.", LedBy),
            // Seizing or closing a service acts against it.
            ("The FBI announced the seizure of the marketplace.", Target),
            ("De politie kondigde de sluiting van het forum aan.", Target),
            ("La police a annoncé la fermeture du forum.", Target),
            ("Die Polizei meldete die Schließung der Plattform.", Target),
            ("La policía anunció el cierre del foro.", Target),
            // The agent after a Dutch participle, a German subject after its verb.
            ("Vier verdachten werden opgepakt door de politie.", Participant),
            (
                "In Deutschland durchsuchten Beamte des Bundeskriminalamts 21 Objekte.",
                Participant,
            ),
            ("Europol apoyó el desmantelamiento del foro.", Target),
            // A day or a place between the participle and its agent.
            ("Une opération menée le 4 février 2024 par la gendarmerie.", LedBy),
            ("La operación, dirigida desde marzo por la Fiscalía, terminó.", LedBy),
            ("The raids, led on Tuesday by the FBI, ended.", LedBy),
            ("L'opération menée mardi par l'OFAST a visé un réseau.", LedBy),
            ("La operación, dirigida ayer por la Fiscalía, terminó.", LedBy),
            ("The sting, led jointly by the FBI and the DEA, ended.", LedBy),
            // Giving support, in the other languages.
            ("L'agence a apporté son soutien technique.", SupportedBy),
            ("La agencia prestó apoyo analítico.", SupportedBy),
            ("Het agentschap verleende operationele steun.", SupportedBy),
            ("Die Agentur leistete Unterstützung.", SupportedBy),
            // A coordination centre is Eurojust's way of coordinating an action day.
            ("The agency set up a coordination centre in The Hague.", CoordinatedBy),
            ("A coordination centre was set up at the agency.", CoordinatedBy),
            (
                "Un centre de coordination a été mis en place au sein de l'agence.",
                CoordinatedBy,
            ),
            ("Se instaló un centro de coordinación en la agencia.", CoordinatedBy),
            ("Er was een coördinatiecentrum bij het agentschap.", CoordinatedBy),
            ("Ein Koordinierungszentrum bei der Agentur war aktiv.", CoordinatedBy),
        ];
        for (text, role) in cases {
            assert!(
                role_cues().iter().any(|c| c.role == role && c.re.is_match(text)),
                "{text} should carry {role}"
            );
        }
    }

    #[test]
    fn triggers_name_kinds() {
        assert_eq!(find_trigger("Police arrested two men").map(|t| t.2), Some("arrest"));
        assert_eq!(
            find_trigger("Een internationale actie liep").map(|t| t.2),
            Some("operation")
        );
        assert_eq!(find_trigger("nothing happened here"), None);
        // German preterite singular and plural around the object: "nahm ... fest".
        for text in [
            "Die Polizei nahm zwei Männer fest",
            "Die Beamten nahmen drei Verdächtige fest",
        ] {
            assert_eq!(find_trigger(text).map(|t| t.2), Some("arrest"), "{text}");
        }
        // The French noun is written with a grave accent, its verb without.
        for text in ["le démantèlement du réseau", "les réseaux démantelés", "a démantelé"] {
            assert_eq!(find_trigger(text).map(|t| t.2), Some("takedown"), "{text}");
        }
        // Closing, switching off and taking offline, in each language.
        for text in [
            "The police took a website offline",
            "the platform was taken offline",
            "police broke up the network",
            "Europol a mis le site hors d'état de nuire",
            "Nun ist der Dienst vom Netz",
            "die Plattform abschalten",
            "La página web ha sido cerrada",
            "las autoridades clausuraron el foro",
        ] {
            assert_eq!(find_trigger(text).map(|t| t.2), Some("takedown"), "{text}");
            assert!(tells_kind(text, "takedown"), "{text}");
        }
    }
}
