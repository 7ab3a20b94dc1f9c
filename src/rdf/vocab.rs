//! IRIs of the vocabularies opgraph writes: its own ontology and the standard ones it reuses.

use oxigraph::model::NamedNodeRef;

macro_rules! terms {
    ($ns:literal; $($name:ident = $local:literal),* $(,)?) => {
        $(pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(concat!($ns, $local));)*
    };
}

/// The opgraph ontology (`ontology/opgraph.ttl`).
pub mod opg {
    use super::*;
    pub const NS: &str = "https://w3id.org/opgraph/ontology#";
    pub const ONTOLOGY: NamedNodeRef<'static> = NamedNodeRef::new_unchecked("https://w3id.org/opgraph/ontology");
    terms!("https://w3id.org/opgraph/ontology#";
        REPORT_CLASS = "Report", SENTENCE = "Sentence", MENTION_CLASS = "Mention",
        ASSERTION_CLASS = "Assertion", EXTRACTION = "Extraction", OPERATION = "Operation",
        OPERATION_MENTION = "OperationMention", COUNT_CLASS = "Count", SCORE_CLASS = "Score",
        START_DATE = "startDate", END_DATE = "endDate", START_MONTH_DAY = "startMonthDay",
        START_DAY_OF_WEEK = "startDayOfWeek", DATED_BY_PUBLICATION = "datedByPublication", KIND = "kind", CODE_NAME = "codeName", CODE_NAME_KEY = "codeNameKey", MERGE_RECORD = "mergeRecord", MERGE_RECORD_STATUS = "mergeRecordStatus",
        COUNT = "count",
        VALUE = "value", UNIT = "unit", QUALIFIER = "qualifier", MENTION_OF = "mentionOf",
        DEMONYM = "demonym", COUNTRY = "country", PARENT_AGENCY = "parentAgency",
        REPORT = "report", MENTIONED_IN = "mentionedIn", MENTION = "mention",
        SURFACE_FORM = "surfaceForm", SENTENCE_PROP = "sentence", TEXT = "text",
        START_OFFSET = "startOffset", END_OFFSET = "endOffset", SENTENCE_INDEX = "sentenceIndex",
        RULE = "rule", CONFIDENCE = "confidence", ASSERTION = "assertion", PROPERTY = "property",
        OBJECT = "object", EXTRACTOR_VERSION = "extractorVersion", INGESTED_AT = "ingestedAt",
        SHA256 = "sha256", BYTE_LENGTH = "byteLength", REPORT_ID = "reportId", SOURCE = "source",
        ENCODING = "encoding", GRAPH = "graph", SCORE = "score", METRIC = "metric",
        SCORE_VALUE = "scoreValue", WINDOW_START = "windowStart", WINDOW_END = "windowEnd",
        PARAMETERS = "parameters", COMPUTED_AT = "computedAt", STORE_FORMAT = "storeFormat",
        LANGUAGE_DETECTED = "languageDetected", FORMAT = "format", MERGE_STATUS = "mergeStatus",
        REPORT_COUNT = "reportCount", OPERATION_COUNT = "operationCount",
        ENTITY_TOTAL = "entityTotal", OPERATION_MENTION_TOTAL = "operationMentionTotal", OPERATION_TOTAL = "operationTotal",
        DISAGREEMENT_CLASS = "Disagreement", DISAGREEMENT = "disagreement", ASPECT = "aspect",
        CLAIM = "claim", CLAIM_REPORT = "claimReport", OTHER_CLAIM = "otherClaim", OTHER_REPORT = "otherReport",
        COLLABORATION = "Collaboration", COLLABORATOR = "collaborator", SHARED_OPERATIONS = "sharedOperations",
    );

    /// The class of an entity type.
    pub fn class(t: crate::model::EntityType) -> NamedNodeRef<'static> {
        use crate::model::EntityType::*;
        match t {
            Agency => NamedNodeRef::new_unchecked("https://w3id.org/opgraph/ontology#Agency"),
            Country => NamedNodeRef::new_unchecked("https://w3id.org/opgraph/ontology#Country"),
            Place => NamedNodeRef::new_unchecked("https://w3id.org/opgraph/ontology#Place"),
            Group => NamedNodeRef::new_unchecked("https://w3id.org/opgraph/ontology#Group"),
            Outlet => NamedNodeRef::new_unchecked("https://w3id.org/opgraph/ontology#Outlet"),
            Company => NamedNodeRef::new_unchecked("https://w3id.org/opgraph/ontology#Company"),
            Person => NamedNodeRef::new_unchecked("https://w3id.org/opgraph/ontology#Person"),
            Organization => NamedNodeRef::new_unchecked("https://w3id.org/opgraph/ontology#Organization"),
        }
    }

    /// The property of a role.
    pub fn role(r: crate::model::Role) -> NamedNodeRef<'static> {
        use crate::model::Role::*;
        match r {
            LedBy => NamedNodeRef::new_unchecked("https://w3id.org/opgraph/ontology#ledBy"),
            CoordinatedBy => NamedNodeRef::new_unchecked("https://w3id.org/opgraph/ontology#coordinatedBy"),
            SupportedBy => NamedNodeRef::new_unchecked("https://w3id.org/opgraph/ontology#supportedBy"),
            Participant => NamedNodeRef::new_unchecked("https://w3id.org/opgraph/ontology#participant"),
            Target => NamedNodeRef::new_unchecked("https://w3id.org/opgraph/ontology#target"),
            Partner => NamedNodeRef::new_unchecked("https://w3id.org/opgraph/ontology#partner"),
            Location => NamedNodeRef::new_unchecked("https://w3id.org/opgraph/ontology#location"),
        }
    }
}

pub mod rdfs {
    use super::*;
    terms!("http://www.w3.org/2000/01/rdf-schema#"; LABEL = "label", COMMENT = "comment");
}

pub mod skos {
    use super::*;
    terms!("http://www.w3.org/2004/02/skos/core#"; PREF_LABEL = "prefLabel", ALT_LABEL = "altLabel", HIDDEN_LABEL = "hiddenLabel");
}

pub mod dcterms {
    use super::*;
    terms!("http://purl.org/dc/terms/"; TITLE = "title", LANGUAGE = "language", MODIFIED = "modified");
}

pub mod schema {
    use super::*;
    terms!("https://schema.org/"; URL = "url", DATE_PUBLISHED = "datePublished");
    /// schema.org's `DayOfWeek` members, Monday first.
    pub const DAYS_OF_WEEK: [NamedNodeRef<'static>; 7] = [
        NamedNodeRef::new_unchecked("https://schema.org/Monday"),
        NamedNodeRef::new_unchecked("https://schema.org/Tuesday"),
        NamedNodeRef::new_unchecked("https://schema.org/Wednesday"),
        NamedNodeRef::new_unchecked("https://schema.org/Thursday"),
        NamedNodeRef::new_unchecked("https://schema.org/Friday"),
        NamedNodeRef::new_unchecked("https://schema.org/Saturday"),
        NamedNodeRef::new_unchecked("https://schema.org/Sunday"),
    ];

    /// The weekday (0 = Monday) a `DayOfWeek` IRI names.
    pub fn day_of_week(iri: &str) -> Option<u32> {
        DAYS_OF_WEEK
            .iter()
            .position(|d| d.as_str() == iri)
            .and_then(|i| u32::try_from(i).ok())
    }
}

pub mod prov {
    use super::*;
    terms!("http://www.w3.org/ns/prov#"; WAS_GENERATED_BY = "wasGeneratedBy", USED = "used", WAS_DERIVED_FROM = "wasDerivedFrom");
}

pub mod owl {
    use super::*;
    terms!("http://www.w3.org/2002/07/owl#"; SAME_AS = "sameAs");
}

pub mod xsd {
    use super::*;
    terms!("http://www.w3.org/2001/XMLSchema#";
        DATE = "date", G_YEAR_MONTH = "gYearMonth", G_YEAR = "gYear", G_MONTH_DAY = "gMonthDay",
        DATE_TIME = "dateTime", INTEGER = "integer", DECIMAL = "decimal", DOUBLE = "double", BOOLEAN = "boolean",
    );
}

/// `rdf:type`.
pub const RDF_TYPE: NamedNodeRef<'static> = oxigraph::model::vocab::rdf::TYPE;
