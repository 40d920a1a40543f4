//! Man pages generated from the CLI definition (clap_mangen): `brock.1` and one page per
//! subcommand, each with EXIT STATUS, ENVIRONMENT and FILES sections appended in roff.

use clap::CommandFactory;

use crate::cli::Cli;

const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Success (also when stdout is closed early, e.g. piped into head).
.TP
\fB1\fR
The service or model answered with an error (ValidationException, ResourceNotFoundException, a stream error).
.TP
\fB2\fR
Usage or configuration error: bad flags, bad input, malformed config. Nothing was sent.
.TP
\fB3\fR
Authentication: no credentials or region, invalid key or signature, access denied.
.TP
\fB4\fR
Throttled, still after the configured retries.
.TP
\fB5\fR
Network: connection refused or reset, timeouts.
.TP
\fB6\fR
The guardrail intervened, with \fBbrock guardrail apply \-\-fail\-on\-intervention\fR (without it a verdict is success).
.TP
\fB7\fR
A flow asked for more input and there was no terminal to ask on (brock flow invoke): the question is printed; continue with \-\-execution\-id.
.TP
\fB130\fR
Interrupted (Ctrl\-C).
"#;

const ENVIRONMENT: &str = r#".SH ENVIRONMENT
.TP
\fBBROCK_CONFIG\fR, \fBBROCK_PROFILE\fR
Config file and profile to use.
.TP
\fBBROCK_MODEL\fR, \fBBROCK_SYSTEM\fR, \fBBROCK_TEMPERATURE\fR, \fBBROCK_TOP_P\fR, \fBBROCK_MAX_TOKENS\fR, \fBBROCK_REASONING\fR
Chat defaults; every config key has a BROCK_ variable (see the README).
.TP
\fBAWS_REGION\fR, \fBAWS_DEFAULT_REGION\fR, \fBAWS_PROFILE\fR
Region and AWS profile.
.TP
\fBAWS_ACCESS_KEY_ID\fR, \fBAWS_SECRET_ACCESS_KEY\fR, \fBAWS_SESSION_TOKEN\fR
Static credentials; the rest of the AWS credential chain (SSO, web identity, containers) applies too.
.TP
\fBAWS_BEARER_TOKEN_BEDROCK\fR
A Bedrock API key, sent as a bearer token (not accepted by the Agents runtime).
.TP
\fBAWS_ENDPOINT_URL_BEDROCK_RUNTIME\fR, \fBAWS_ENDPOINT_URL_BEDROCK\fR, \fBAWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME\fR, \fBAWS_ENDPOINT_URL\fR
Endpoint overrides per service.
.TP
\fBAWS_MAX_ATTEMPTS\fR, \fBAWS_RETRY_MODE\fR
Retries.
.TP
\fBBROCK_MAX_INPUT_MB\fR
Largest input read whole (stdin, \-\-input\-file, \-\-tools, \-d @FILE, images), in MiB; default 64. Line\-by\-line inputs (embed, rerank) take at most 4 MiB per line, the config file 1 MiB.
.TP
\fBBROCK_THEME\fR
Code highlighting theme (config key theme): ansi (the default: the terminal's own palette) or a built\-in syntect theme such as "Solarized (dark)"; an unknown name is refused with the list.
.TP
\fBNO_COLOR\fR
Disable colour and styling: answers on a terminal are still wrapped at word boundaries, with code and markdown shown plain (on a terminal with colour, markdown is styled and fenced code highlighted).
"#;

const FILES: &str = r#".SH FILES
.TP
\fI~/.config/brock/config.toml\fR
Configuration: [default], [profiles.NAME], [aliases], [tools.NAME] (the platform config directory; XDG_CONFIG_HOME is honoured).
.TP
\fI~/.local/share/brock/\fR
Data: sessions and history (the platform data directory).
.TP
\fI~/.aws/config\fR, \fI~/.aws/credentials\fR
AWS profiles and credentials.
"#;

/// Every page as (file name, roff text), exactly as committed under man/.
pub fn pages() -> Vec<(String, String)> {
    let mut root = Cli::command();
    root.build();
    let mut out = vec![("brock.1".to_string(), render(root.clone()))];
    for sub in root.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        let name = format!("brock-{}", sub.get_name());
        let page = sub
            .clone()
            .name(name.clone())
            .bin_name(format!("brock {}", sub.get_name()));
        out.push((format!("{name}.1"), render(page)));
    }
    out
}

fn render(cmd: clap::Command) -> String {
    let mut buf = Vec::new();
    let man = clap_mangen::Man::new(cmd)
        .manual("brock manual")
        .source(concat!("brock ", env!("CARGO_PKG_VERSION")));
    // Writing into a Vec cannot fail.
    let _ = man.render(&mut buf);
    let mut text = String::from_utf8_lossy(&buf).into_owned();
    text.push_str(EXIT_STATUS);
    text.push_str(ENVIRONMENT);
    text.push_str(FILES);
    text
}
