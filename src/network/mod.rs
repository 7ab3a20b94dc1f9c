//! The agency-collaboration network: projection, centrality, communities.
