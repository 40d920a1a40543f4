//! The translation core: canonical conversation types and their mappings to and from Bedrock
//! (Converse, Invoke families) and OpenAI-format JSON. Pure: no network, no terminal.
