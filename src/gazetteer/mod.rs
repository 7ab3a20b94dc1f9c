//! The gazetteer: known entities with their names in five languages, and a fast matcher.
