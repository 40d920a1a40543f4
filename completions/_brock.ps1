
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'brock' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'brock'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'brock' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('chat', 'chat', [CompletionResultType]::ParameterValue, 'Chat with a model: one-shot (argument and/or stdin) or an interactive REPL')
            [CompletionResult]::new('embed', 'embed', [CompletionResultType]::ParameterValue, 'Create embeddings (Titan, Cohere, Nova) from arguments, files or stdin')
            [CompletionResult]::new('image', 'image', [CompletionResultType]::ParameterValue, 'Generate images (Nova Canvas, Titan Image, Stability)')
            [CompletionResult]::new('rerank', 'rerank', [CompletionResultType]::ParameterValue, 'Rerank documents against a query (amazon.rerank, cohere.rerank)')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Bedrock Agents and knowledge bases (InvokeAgent, Retrieve, RetrieveAndGenerate)')
            [CompletionResult]::new('flow', 'flow', [CompletionResultType]::ParameterValue, 'Bedrock Flows: run a flow alias and stream its outputs (InvokeFlow)')
            [CompletionResult]::new('raw', 'raw', [CompletionResultType]::ParameterValue, 'Send native JSON to any Bedrock API path, signed, with event streams decoded')
            [CompletionResult]::new('models', 'models', [CompletionResultType]::ParameterValue, 'List foundation models, inference profiles, and your imported, custom and provisioned models')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show, locate or create the config file')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('emulator', 'emulator', [CompletionResultType]::ParameterValue, 'Serve the built-in Bedrock emulator on loopback for tests and benchmarks')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run an HTTP gateway: the OpenAI API, the Anthropic Messages API and a native Bedrock pass-through')
            [CompletionResult]::new('tokens', 'tokens', [CompletionResultType]::ParameterValue, 'Count a prompt''s input tokens without sending it to the model (CountTokens)')
            [CompletionResult]::new('guardrail', 'guardrail', [CompletionResultType]::ParameterValue, 'Check text against a guardrail without a model (ApplyGuardrail)')
            [CompletionResult]::new('roles', 'roles', [CompletionResultType]::ParameterValue, 'List the roles defined in the config ([roles.NAME])')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'List and search logged chat exchanges (oldest first, newest last)')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'List, show and remove saved conversations (session files and logged conversations)')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Batch inference over S3: submit many prompts as one job, follow it, fetch the results')
            [CompletionResult]::new('async', 'async', [CompletionResultType]::ParameterValue, 'Async invocations over S3 (Nova Reel videos): start, follow, fetch the outputs')
            [CompletionResult]::new('video', 'video', [CompletionResultType]::ParameterValue, 'Make a video with Nova Reel: start, wait, download the clip (on top of `brock async`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;chat' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Model id, alias from [aliases], inference profile id or ARN; env BROCK_MODEL')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Model id, alias from [aliases], inference profile id or ARN; env BROCK_MODEL')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'System prompt')
            [CompletionResult]::new('--system', '--system', [CompletionResultType]::ParameterName, 'System prompt')
            [CompletionResult]::new('--max-tokens', '--max-tokens', [CompletionResultType]::ParameterName, 'Maximum tokens to generate')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Sampling temperature (0–1 for most models)')
            [CompletionResult]::new('--temperature', '--temperature', [CompletionResultType]::ParameterName, 'Sampling temperature (0–1 for most models)')
            [CompletionResult]::new('--top-p', '--top-p', [CompletionResultType]::ParameterName, 'Nucleus sampling (0–1)')
            [CompletionResult]::new('--top-k', '--top-k', [CompletionResultType]::ParameterName, 'Top-k sampling (sent in additionalModelRequestFields, named as the model family expects)')
            [CompletionResult]::new('--stop', '--stop', [CompletionResultType]::ParameterName, 'Stop sequence (repeatable)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra model field KEY=JSON into additionalModelRequestFields (repeatable; dotted keys nest)')
            [CompletionResult]::new('--anthropic-beta', '--anthropic-beta', [CompletionResultType]::ParameterName, 'Anthropic beta flags, comma separated (e.g. interleaved-thinking-2025-05-14)')
            [CompletionResult]::new('--response-field', '--response-field', [CompletionResultType]::ParameterName, 'Extra response field path (additionalModelResponseFieldPaths), repeatable')
            [CompletionResult]::new('--reasoning', '--reasoning', [CompletionResultType]::ParameterName, 'Reasoning: off, low, medium, high, or a token budget')
            [CompletionResult]::new('--tools', '--tools', [CompletionResultType]::ParameterName, 'Tool definitions (OpenAI-style or Bedrock toolSpec JSON)')
            [CompletionResult]::new('--tool-choice', '--tool-choice', [CompletionResultType]::ParameterName, 'Tool choice: auto, any, none or a tool name')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Attach an image, document or video (repeatable); s3:// URIs are passed by reference, https:// URLs fetched, `-` attaches piped stdin (format told from its content)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Attach an image, document or video (repeatable); s3:// URIs are passed by reference, https:// URLs fetched, `-` attaches piped stdin (format told from its content)')
            [CompletionResult]::new('--json-schema', '--json-schema', [CompletionResultType]::ParameterName, 'Constrain the answer to this JSON schema and print the JSON only')
            [CompletionResult]::new('--guardrail', '--guardrail', [CompletionResultType]::ParameterName, 'Apply a guardrail, ID:VERSION')
            [CompletionResult]::new('--guard', '--guard', [CompletionResultType]::ParameterName, 'Add TEXT to the prompt as guarded content: with --guardrail, only guarded content is checked (a Converse guardContent block; repeatable)')
            [CompletionResult]::new('--latency', '--latency', [CompletionResultType]::ParameterName, 'Latency profile: standard or optimized')
            [CompletionResult]::new('--service-tier', '--service-tier', [CompletionResultType]::ParameterName, 'Service tier: default, priority, flex')
            [CompletionResult]::new('--request-metadata', '--request-metadata', [CompletionResultType]::ParameterName, 'Request metadata KEY=VALUE for invocation logs (repeatable)')
            [CompletionResult]::new('--prefill', '--prefill', [CompletionResultType]::ParameterName, 'Start the assistant''s answer with this text')
            [CompletionResult]::new('--input-format', '--input-format', [CompletionResultType]::ParameterName, 'Read the request as an OpenAI chat.completions JSON body (from stdin or --input-file); the model is -m if given, else the body''s model field, else the configured model')
            [CompletionResult]::new('--input-file', '--input-file', [CompletionResultType]::ParameterName, 'Read the request body from this file instead of stdin')
            [CompletionResult]::new('--route', '--route', [CompletionResultType]::ParameterName, 'API route: converse, invoke (the model family''s InvokeModel body) or auto (Converse where the model has it)')
            [CompletionResult]::new('--family', '--family', [CompletionResultType]::ParameterName, 'Model family for ids that do not show it (application inference profile or provisioned throughput ARNs, proxy models): anthropic, nova, nova2, llama, mistral, … (default: looked up)')
            [CompletionResult]::new('--api-base', '--api-base', [CompletionResultType]::ParameterName, 'URL of a Converse-shaped proxy for converse_like/NAME models, posted to as given (its answer may be a Converse JSON body or an event stream)')
            [CompletionResult]::new('--api-key-env', '--api-key-env', [CompletionResultType]::ParameterName, 'Environment variable holding the API key sent as a bearer token to --api-base')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Use a role from the config ([roles.NAME]: system prompt, model, settings, prompt template)')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Continue the saved session NAME (created if missing) and save the new turns back')
            [CompletionResult]::new('--cid', '--cid', [CompletionResultType]::ParameterName, 'Continue the logged conversation ID (see brock logs, brock sessions)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--hide-reasoning', '--hide-reasoning', [CompletionResultType]::ParameterName, 'Do not print the model''s reasoning')
            [CompletionResult]::new('--guardrail-trace', '--guardrail-trace', [CompletionResultType]::ParameterName, 'Print the guardrail trace to stderr')
            [CompletionResult]::new('--guard-stdin', '--guard-stdin', [CompletionResultType]::ParameterName, 'Send piped stdin as guarded content instead of appending it to the prompt')
            [CompletionResult]::new('--count-tokens', '--count-tokens', [CompletionResultType]::ParameterName, 'Print the request''s input token count (CountTokens) instead of sending it')
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'Insert cache points after the system prompt and tools (prompt caching)')
            [CompletionResult]::new('--no-stream', '--no-stream', [CompletionResultType]::ParameterName, 'Use Converse instead of ConverseStream')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact request that would be sent and exit')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Open the interactive REPL (the default with no prompt on a terminal)')
            [CompletionResult]::new('--interactive', '--interactive', [CompletionResultType]::ParameterName, 'Open the interactive REPL (the default with no prompt on a terminal)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Write the answer''s bytes exactly as the model sent them (no closing newline in a pipe)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Continue the most recent logged conversation (its session file, if it has one)')
            [CompletionResult]::new('--continue', '--continue', [CompletionResultType]::ParameterName, 'Continue the most recent logged conversation (its session file, if it has one)')
            [CompletionResult]::new('--no-log', '--no-log', [CompletionResultType]::ParameterName, 'Do not record this chat in the log database (also: log = false, BROCK_LOG=0)')
            [CompletionResult]::new('--run-tools', '--run-tools', [CompletionResultType]::ParameterName, 'Run the tools the model calls ([tools.NAME] commands in the config) and send back the results')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Run tools without asking (for trusted scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Run tools without asking (for trusted scripts)')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;embed' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Embedding model id or alias (default: titan-embed = amazon.titan-embed-text-v2:0)')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Embedding model id or alias (default: titan-embed = amazon.titan-embed-text-v2:0)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Read texts from a file, one per line (JSONL with --field); `-` for stdin')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read texts from a file, one per line (JSONL with --field); `-` for stdin')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Read texts from a file, one per line (JSONL with --field); `-` for stdin')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Input is JSONL: embed this field of each object and carry the other fields to the output')
            [CompletionResult]::new('--dimensions', '--dimensions', [CompletionResultType]::ParameterName, 'Output vector size: Titan v2 256|512|1024, Cohere v4 256–1536, Nova 256|384|1024|3072')
            [CompletionResult]::new('--embedding-type', '--embedding-type', [CompletionResultType]::ParameterName, 'Vector type: float, binary (Titan v2, Cohere), int8, uint8, ubinary (Cohere)')
            [CompletionResult]::new('--input-type', '--input-type', [CompletionResultType]::ParameterName, 'Cohere / Nova: search_document, search_query, classification or clustering')
            [CompletionResult]::new('--truncate', '--truncate', [CompletionResultType]::ParameterName, 'Cohere / Nova: what to do with text longer than the model takes: NONE, START or END')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'Multimodal models (Titan Multimodal, Nova): embed this image (with the text, if any)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How vectors are written: float (JSON numbers) or base64 (OpenAI encoding_format)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Calls in flight at once')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Calls in flight at once')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Texts per call for models that take many (Cohere: at most 96)')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Skip the first N inputs (resume an interrupted run; indexes stay those of the input)')
            [CompletionResult]::new('--on-error', '--on-error', [CompletionResultType]::ParameterName, 'A bad input line (empty, too long for the model): skip it with a warning, or fail')
            [CompletionResult]::new('--s3', '--s3', [CompletionResultType]::ParameterName, 'With --batch: where the job''s input, mapping and output go: s3://BUCKET/PREFIX/')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'With --batch: the IAM service role Bedrock assumes to reach the S3 location. Without --batch: the role brock assumes, as the global --role-arn')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'With --batch --wait: write the vectors here instead of stdout')
            [CompletionResult]::new('--output-file', '--output-file', [CompletionResultType]::ParameterName, 'With --batch --wait: write the vectors here instead of stdout')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'With --batch: the job name (default brock-<time>)')
            [CompletionResult]::new('--records-per-job', '--records-per-job', [CompletionResultType]::ParameterName, 'With --batch: your account''s "Records per batch inference job" quota, when raised')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--normalize', '--normalize', [CompletionResultType]::ParameterName, 'Titan v2: ask for unit-length vectors')
            [CompletionResult]::new('--no-normalize', '--no-normalize', [CompletionResultType]::ParameterName, 'Titan v2: ask for raw (not normalized) vectors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'No progress bar')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact requests that would be sent (a JSON array when there are several) and exit')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Send the texts as a Bedrock batch inference job over S3 (one record per line, at least 100; about half the on-demand price) instead of calling the model from here')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'With --batch: follow the job and write its vectors, in input order, when it ends')
            [CompletionResult]::new('--keep-input', '--keep-input', [CompletionResultType]::ParameterName, 'With --batch: keep the uploaded input in S3 when the job cannot be created')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;image' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Image model id or alias (default: nova-canvas = amazon.nova-canvas-v1:0)')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Image model id or alias (default: nova-canvas = amazon.nova-canvas-v1:0)')
            [CompletionResult]::new('--task', '--task', [CompletionResultType]::ParameterName, 'Nova Canvas / Titan task (default: text-image, or color-guided with --colors)')
            [CompletionResult]::new('--negative', '--negative', [CompletionResultType]::ParameterName, 'What the image must not show (negative prompt)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Input image for variation, inpainting, outpainting, background removal (repeatable for variation); reference image for color-guided generation')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Input image for variation, inpainting, outpainting, background removal (repeatable for variation); reference image for color-guided generation')
            [CompletionResult]::new('--mask-prompt', '--mask-prompt', [CompletionResultType]::ParameterName, 'Inpainting/outpainting: describe the area to change')
            [CompletionResult]::new('--mask-image', '--mask-image', [CompletionResultType]::ParameterName, 'Inpainting/outpainting: a mask image (black = change)')
            [CompletionResult]::new('--similarity', '--similarity', [CompletionResultType]::ParameterName, 'Image variation: how close to the input, 0.2–1.0')
            [CompletionResult]::new('--colors', '--colors', [CompletionResultType]::ParameterName, 'Color-guided generation: colours as #RRGGBB, comma separated (1–10)')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Image size WIDTHxHEIGHT (Nova Canvas, Titan, SDXL)')
            [CompletionResult]::new('--aspect-ratio', '--aspect-ratio', [CompletionResultType]::ParameterName, 'Aspect ratio (Stability): 16:9, 1:1, 21:9, 2:3, 3:2, 4:5, 5:4, 9:16, 9:21')
            [CompletionResult]::new('--quality', '--quality', [CompletionResultType]::ParameterName, 'Nova Canvas / Titan quality: standard or premium')
            [CompletionResult]::new('--cfg-scale', '--cfg-scale', [CompletionResultType]::ParameterName, 'How strictly to follow the prompt (Nova Canvas / Titan 1.1–10, SDXL 0–35)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed for reproducible images')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Number of images (Nova Canvas / Titan: 1–5)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Number of images (Nova Canvas / Titan: 1–5)')
            [CompletionResult]::new('--style', '--style', [CompletionResultType]::ParameterName, 'SDXL style preset, e.g. photographic, anime, cinematic')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (Stability): png, jpeg or webp')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the image here (with -n above 1: NAME-1.png, NAME-2.png, …); never overwrites')
            [CompletionResult]::new('--output-file', '--output-file', [CompletionResultType]::ParameterName, 'Write the image here (with -n above 1: NAME-1.png, NAME-2.png, …); never overwrites')
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write images into this directory (created if needed), named after the prompt')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--precise', '--precise', [CompletionResultType]::ParameterName, 'Outpainting: keep the masked area exactly (PRECISE) instead of DEFAULT')
            [CompletionResult]::new('--show', '--show', [CompletionResultType]::ParameterName, 'Also draw the image in the terminal (kitty, iTerm2, WezTerm)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact request that would be sent and exit')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;rerank' {
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'The query to rank against')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Rerank model id or ARN (default: rerank = cohere.rerank-v3-5:0)')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Rerank model id or ARN (default: rerank = cohere.rerank-v3-5:0)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Read documents from a file, one per line (JSONL with --field); `-` for stdin')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read documents from a file, one per line (JSONL with --field); `-` for stdin')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Input is JSONL: rank on this field; the other fields are carried to JSON output')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Return only the N best documents')
            [CompletionResult]::new('--top-n', '--top-n', [CompletionResultType]::ParameterName, 'Return only the N best documents')
            [CompletionResult]::new('--route', '--route', [CompletionResultType]::ParameterName, 'API: rerank (bedrock-agent-runtime Rerank, SigV4 only) or invoke (InvokeModel, Cohere body)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--return-documents', '--return-documents', [CompletionResultType]::ParameterName, 'Include each document''s text in JSON output')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact request that would be sent and exit')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;agent' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Invoke an agent and stream its answer (InvokeAgent)')
            [CompletionResult]::new('chat', 'chat', [CompletionResultType]::ParameterValue, 'Talk to an agent turn by turn in one session')
            [CompletionResult]::new('inline', 'inline', [CompletionResultType]::ParameterValue, 'Run an agent defined on the command line: model, instruction, tools, knowledge bases (InvokeInlineAgent)')
            [CompletionResult]::new('retrieve', 'retrieve', [CompletionResultType]::ParameterValue, 'Query a knowledge base for matching passages (Retrieve)')
            [CompletionResult]::new('ask', 'ask', [CompletionResultType]::ParameterValue, 'Ask a knowledge base: a generated answer with citations (RetrieveAndGenerate)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;agent;invoke' {
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Session id to use (default: a new one, printed on stderr)')
            [CompletionResult]::new('--memory-id', '--memory-id', [CompletionResultType]::ParameterName, 'Memory id, for agents with long-term memory enabled')
            [CompletionResult]::new('--session-attr', '--session-attr', [CompletionResultType]::ParameterName, 'Session attribute KEY=VALUE, kept for the whole session (repeatable)')
            [CompletionResult]::new('--prompt-attr', '--prompt-attr', [CompletionResultType]::ParameterName, 'Prompt session attribute KEY=VALUE, for this turn only (repeatable)')
            [CompletionResult]::new('--max-rounds', '--max-rounds', [CompletionResultType]::ParameterName, 'Most return-of-control rounds per turn before giving up')
            [CompletionResult]::new('--guardrail-interval', '--guardrail-interval', [CompletionResultType]::ParameterName, 'Characters between guardrail checks while the answer streams (applyGuardrailInterval; for agents with a guardrail; the service default is 50)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Reuse the last session of this agent and alias')
            [CompletionResult]::new('--continue', '--continue', [CompletionResultType]::ParameterName, 'Reuse the last session of this agent and alias')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'Show the orchestration trace (rationale, actions, knowledge base lookups, guardrails) dimmed on stderr')
            [CompletionResult]::new('--tools', '--tools', [CompletionResultType]::ParameterName, 'Run the calls the agent returns control for with the configured [tools.NAME] commands and send the results back')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Run tools without asking for approval')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Run tools without asking for approval')
            [CompletionResult]::new('--end-session', '--end-session', [CompletionResultType]::ParameterName, 'End the session after this answer')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact request that would be sent and exit')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;agent;chat' {
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Session id to use (default: a new one, printed on stderr)')
            [CompletionResult]::new('--memory-id', '--memory-id', [CompletionResultType]::ParameterName, 'Memory id, for agents with long-term memory enabled')
            [CompletionResult]::new('--session-attr', '--session-attr', [CompletionResultType]::ParameterName, 'Session attribute KEY=VALUE, kept for the whole session (repeatable)')
            [CompletionResult]::new('--prompt-attr', '--prompt-attr', [CompletionResultType]::ParameterName, 'Prompt session attribute KEY=VALUE, for this turn only (repeatable)')
            [CompletionResult]::new('--max-rounds', '--max-rounds', [CompletionResultType]::ParameterName, 'Most return-of-control rounds per turn before giving up')
            [CompletionResult]::new('--guardrail-interval', '--guardrail-interval', [CompletionResultType]::ParameterName, 'Characters between guardrail checks while the answer streams (applyGuardrailInterval; for agents with a guardrail; the service default is 50)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Reuse the last session of this agent and alias')
            [CompletionResult]::new('--continue', '--continue', [CompletionResultType]::ParameterName, 'Reuse the last session of this agent and alias')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'Show the orchestration trace (rationale, actions, knowledge base lookups, guardrails) dimmed on stderr')
            [CompletionResult]::new('--tools', '--tools', [CompletionResultType]::ParameterName, 'Run the calls the agent returns control for with the configured [tools.NAME] commands and send the results back')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Run tools without asking for approval')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Run tools without asking for approval')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;agent;inline' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Foundation model: id, alias from [aliases], inference profile id or ARN; env BROCK_MODEL')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Foundation model: id, alias from [aliases], inference profile id or ARN; env BROCK_MODEL')
            [CompletionResult]::new('--instruction', '--instruction', [CompletionResultType]::ParameterName, 'What the agent is for and how it behaves, at least 40 characters (text or @FILE; default: the system setting, env BROCK_SYSTEM)')
            [CompletionResult]::new('--kb', '--kb', [CompletionResultType]::ParameterName, 'Give the agent a knowledge base, with a description of when to search it (repeatable)')
            [CompletionResult]::new('--tools-file', '--tools-file', [CompletionResultType]::ParameterName, 'Tool definitions (OpenAI-style, Bedrock toolSpec or Anthropic JSON) declared as agent functions; with --tools, the ones with a [tools.NAME] command run')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Session id to use (default: a new one, printed on stderr)')
            [CompletionResult]::new('--memory-id', '--memory-id', [CompletionResultType]::ParameterName, 'Memory id, for agents with long-term memory enabled')
            [CompletionResult]::new('--session-attr', '--session-attr', [CompletionResultType]::ParameterName, 'Session attribute KEY=VALUE, kept for the whole session (repeatable)')
            [CompletionResult]::new('--prompt-attr', '--prompt-attr', [CompletionResultType]::ParameterName, 'Prompt session attribute KEY=VALUE, for this turn only (repeatable)')
            [CompletionResult]::new('--max-rounds', '--max-rounds', [CompletionResultType]::ParameterName, 'Most return-of-control rounds per turn before giving up')
            [CompletionResult]::new('--guardrail-interval', '--guardrail-interval', [CompletionResultType]::ParameterName, 'Characters between guardrail checks while the answer streams (applyGuardrailInterval; for agents with a guardrail; the service default is 50)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Reuse the last session of this agent and alias')
            [CompletionResult]::new('--continue', '--continue', [CompletionResultType]::ParameterName, 'Reuse the last session of this agent and alias')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'Show the orchestration trace (rationale, actions, knowledge base lookups, guardrails) dimmed on stderr')
            [CompletionResult]::new('--tools', '--tools', [CompletionResultType]::ParameterName, 'Run the calls the agent returns control for with the configured [tools.NAME] commands and send the results back')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Run tools without asking for approval')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Run tools without asking for approval')
            [CompletionResult]::new('--end-session', '--end-session', [CompletionResultType]::ParameterName, 'End the session after this answer')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact request that would be sent and exit')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;agent;retrieve' {
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Number of passages to retrieve (1–100; the service default is 5)')
            [CompletionResult]::new('--top-k', '--top-k', [CompletionResultType]::ParameterName, 'Number of passages to retrieve (1–100; the service default is 5)')
            [CompletionResult]::new('--search-type', '--search-type', [CompletionResultType]::ParameterName, 'Search type: HYBRID or SEMANTIC')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Metadata filter (a RetrievalFilter as JSON text or @FILE), e.g. ''{"equals":{"key":"category","value":"billing"}}''')
            [CompletionResult]::new('--next-token', '--next-token', [CompletionResultType]::ParameterName, 'Continue from this pagination token (printed on stderr when more results exist)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Follow pagination tokens and print every page')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact request that would be sent (the first page) and exit')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;agent;ask' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Model that writes the answer: id, alias, inference profile id or ARN; env BROCK_MODEL')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Model that writes the answer: id, alias, inference profile id or ARN; env BROCK_MODEL')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Number of passages to retrieve (1–100; the service default is 5)')
            [CompletionResult]::new('--top-k', '--top-k', [CompletionResultType]::ParameterName, 'Number of passages to retrieve (1–100; the service default is 5)')
            [CompletionResult]::new('--search-type', '--search-type', [CompletionResultType]::ParameterName, 'Search type: HYBRID or SEMANTIC')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Metadata filter (a RetrievalFilter as JSON text or @FILE), e.g. ''{"equals":{"key":"category","value":"billing"}}''')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Continue a RetrieveAndGenerate session (its id is printed on stderr)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--no-stream', '--no-stream', [CompletionResultType]::ParameterName, 'Use RetrieveAndGenerate instead of RetrieveAndGenerateStream')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact request that would be sent and exit')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;agent;help' {
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Invoke an agent and stream its answer (InvokeAgent)')
            [CompletionResult]::new('chat', 'chat', [CompletionResultType]::ParameterValue, 'Talk to an agent turn by turn in one session')
            [CompletionResult]::new('inline', 'inline', [CompletionResultType]::ParameterValue, 'Run an agent defined on the command line: model, instruction, tools, knowledge bases (InvokeInlineAgent)')
            [CompletionResult]::new('retrieve', 'retrieve', [CompletionResultType]::ParameterValue, 'Query a knowledge base for matching passages (Retrieve)')
            [CompletionResult]::new('ask', 'ask', [CompletionResultType]::ParameterValue, 'Ask a knowledge base: a generated answer with citations (RetrieveAndGenerate)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;agent;help;invoke' {
            break
        }
        'brock;agent;help;chat' {
            break
        }
        'brock;agent;help;inline' {
            break
        }
        'brock;agent;help;retrieve' {
            break
        }
        'brock;agent;help;ask' {
            break
        }
        'brock;agent;help;help' {
            break
        }
        'brock;flow' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Run a flow alias with one input and print its outputs as they arrive (InvokeFlow)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;flow;invoke' {
            [CompletionResult]::new('--input-node', '--input-node', [CompletionResultType]::ParameterName, 'Node the input goes to [default: FlowInputNode; with --execution-id, the node that asked]')
            [CompletionResult]::new('--input-output-name', '--input-output-name', [CompletionResultType]::ParameterName, 'Output name of the input node (nodeOutputName) [default: document]')
            [CompletionResult]::new('--execution-id', '--execution-id', [CompletionResultType]::ParameterName, 'Continue this flow execution: the input answers the question the flow asked')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Send the input as a JSON document (object, array, number…) instead of text')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'Show each node''s inputs and outputs dimmed on stderr')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;flow;help' {
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Run a flow alias with one input and print its outputs as they arrive (InvokeFlow)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;flow;help;invoke' {
            break
        }
        'brock;flow;help;help' {
            break
        }
        'brock;raw' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Request body: JSON text, @FILE, or @- for stdin (default: stdin when it is piped)')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Request body: JSON text, @FILE, or @- for stdin (default: stdin when it is piped)')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Service: runtime (bedrock-runtime), agent-runtime, or bedrock (control plane)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Extra header ''Name: value'' (repeatable), e.g. ''X-Amzn-Bedrock-Trace: ENABLED''')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra header ''Name: value'' (repeatable), e.g. ''X-Amzn-Bedrock-Trace: ENABLED''')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--binary', '--binary', [CompletionResultType]::ParameterName, 'Send the body as is, without checking that it is JSON')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Print the status line and response headers on stderr (and error bodies on stdout)')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Print the status line and response headers on stderr (and error bodies on stdout)')
            [CompletionResult]::new('--raw-frames', '--raw-frames', [CompletionResultType]::ParameterName, 'For event streams: print every frame with all its headers instead of {event, payload}')
            [CompletionResult]::new('--no-retry', '--no-retry', [CompletionResultType]::ParameterName, 'Do not retry throttled or failed requests')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;models' {
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Only models from this provider (e.g. Anthropic, Amazon, Meta)')
            [CompletionResult]::new('--modality', '--modality', [CompletionResultType]::ParameterName, 'Only models with this output modality: TEXT, IMAGE, EMBEDDING, VIDEO')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'What to list: foundation models, system inference profiles, application inference profiles, imported models, custom models, provisioned throughputs, or all of them')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--profiles', '--profiles', [CompletionResultType]::ParameterName, 'List inference profiles instead of foundation models (the same as --kind profile)')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one model''s (or inference profile''s) details')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;models;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;models;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one model''s (or inference profile''s) details')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;models;help;show' {
            break
        }
        'brock;models;help;help' {
            break
        }
        'brock;config' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective settings and where each one came from')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the config file in use')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter config file (never overwrites)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;config;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;config;path' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;config;init' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective settings and where each one came from')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the config file in use')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter config file (never overwrites)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;config;help;show' {
            break
        }
        'brock;config;help;path' {
            break
        }
        'brock;config;help;init' {
            break
        }
        'brock;config;help;help' {
            break
        }
        'brock;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;emulator' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on (loopback only); port 0 picks a free port')
            [CompletionResult]::new('--latency', '--latency', [CompletionResultType]::ParameterName, 'Delay before the first byte of every answer, in milliseconds')
            [CompletionResult]::new('--tokens-per-second', '--tokens-per-second', [CompletionResultType]::ParameterName, 'Pace streamed answers at this many tokens per second (0: as fast as possible)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key id the emulator accepts for SigV4')
            [CompletionResult]::new('--secret-key', '--secret-key', [CompletionResultType]::ParameterName, 'Secret key the emulator uses to verify SigV4')
            [CompletionResult]::new('--bearer-token', '--bearer-token', [CompletionResultType]::ParameterName, 'Accept this bearer token (Bedrock API key); repeatable')
            [CompletionResult]::new('--replay', '--replay', [CompletionResultType]::ParameterName, 'Replay the responses of this recorded cassette (VCR YAML) for matching requests')
            [CompletionResult]::new('--job-polls-per-status', '--job-polls-per-status', [CompletionResultType]::ParameterName, 'Pace of batch jobs and async invocations: status polls each status lasts (1 to 1000)')
            [CompletionResult]::new('--batch-records-per-job', '--batch-records-per-job', [CompletionResultType]::ParameterName, 'The "Records per batch inference job" quota jobs are checked against (Bedrock''s default)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;serve' {
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'The key store: a SQLite file or postgres://USER@HOST/DB shared by replicas (default <data dir>/serve.db); env BROCK_SERVE_DATABASE')
            [CompletionResult]::new('--master-key-env', '--master-key-env', [CompletionResultType]::ParameterName, 'Environment variable holding the admin API''s master key (/admin/keys); env BROCK_SERVE_MASTER_KEY_ENV')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on (default 127.0.0.1:4000; port 0 picks a free port); env BROCK_SERVE_LISTEN')
            [CompletionResult]::new('--api-key-env', '--api-key-env', [CompletionResultType]::ParameterName, 'Environment variable holding a key clients must send (Authorization: Bearer or x-api-key); repeatable; env BROCK_SERVE_API_KEY_ENV')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Request log format on stderr; env BROCK_SERVE_LOG_FORMAT')
            [CompletionResult]::new('--drain-timeout', '--drain-timeout', [CompletionResultType]::ParameterName, 'Seconds to let in-flight requests finish after SIGTERM or Ctrl-C; env BROCK_SERVE_DRAIN_TIMEOUT')
            [CompletionResult]::new('--cors-origin', '--cors-origin', [CompletionResultType]::ParameterName, 'Allow browser requests from this origin (CORS; off by default); repeatable; env BROCK_SERVE_CORS_ORIGINS')
            [CompletionResult]::new('--header-read-timeout', '--header-read-timeout', [CompletionResultType]::ParameterName, 'Seconds a client has to send its request headers (default 10); env BROCK_SERVE_HEADER_READ_TIMEOUT')
            [CompletionResult]::new('--body-read-timeout', '--body-read-timeout', [CompletionResultType]::ParameterName, 'Seconds a client may pause while sending its request body (default 30); env BROCK_SERVE_BODY_READ_TIMEOUT')
            [CompletionResult]::new('--max-request-size-mb', '--max-request-size-mb', [CompletionResultType]::ParameterName, 'Largest request body in MiB (default 32); larger ones are answered 413; env BROCK_SERVE_MAX_REQUEST_SIZE_MB')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Create, list, revoke and rotate the gateway''s virtual keys')
            [CompletionResult]::new('usage', 'usage', [CompletionResultType]::ParameterValue, 'Requests and tokens the gateway recorded, per key, model or day')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;serve;keys' {
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'The key store: a SQLite file or postgres://USER@HOST/DB shared by replicas (default <data dir>/serve.db); env BROCK_SERVE_DATABASE')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a key and print it (once: only its hash is stored)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys: name, prefix, models, limits, usage so far, created, expires, revoked')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a key: refused by every gateway on this store within a few seconds')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Give a key a new secret (printed once); the old one stops working')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;serve;keys;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A name for the key (who or what uses it); unique')
            [CompletionResult]::new('--models', '--models', [CompletionResultType]::ParameterName, 'Models the key may use: globs matched against the name a client sends and the Bedrock id it resolves to (e.g. ''anthropic.claude-*''); repeatable; default any')
            [CompletionResult]::new('--rpm', '--rpm', [CompletionResultType]::ParameterName, 'Requests per minute')
            [CompletionResult]::new('--tpm', '--tpm', [CompletionResultType]::ParameterName, 'Tokens (input + output) per minute')
            [CompletionResult]::new('--max-tokens', '--max-tokens', [CompletionResultType]::ParameterName, 'Token budget for the key''s whole life (input + output); then requests get 429')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'Expire after this long: e.g. 30d, 12h, 2w')
            [CompletionResult]::new('--metadata', '--metadata', [CompletionResultType]::ParameterName, 'Free-form metadata kept with the key (KEY=VALUE); repeatable')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'The key store: a SQLite file or postgres://USER@HOST/DB shared by replicas (default <data dir>/serve.db); env BROCK_SERVE_DATABASE')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;serve;keys;list' {
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'The key store: a SQLite file or postgres://USER@HOST/DB shared by replicas (default <data dir>/serve.db); env BROCK_SERVE_DATABASE')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;serve;keys;revoke' {
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'The key store: a SQLite file or postgres://USER@HOST/DB shared by replicas (default <data dir>/serve.db); env BROCK_SERVE_DATABASE')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;serve;keys;rotate' {
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'The key store: a SQLite file or postgres://USER@HOST/DB shared by replicas (default <data dir>/serve.db); env BROCK_SERVE_DATABASE')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;serve;keys;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a key and print it (once: only its hash is stored)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys: name, prefix, models, limits, usage so far, created, expires, revoked')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a key: refused by every gateway on this store within a few seconds')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Give a key a new secret (printed once); the old one stops working')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;serve;keys;help;create' {
            break
        }
        'brock;serve;keys;help;list' {
            break
        }
        'brock;serve;keys;help;revoke' {
            break
        }
        'brock;serve;keys;help;rotate' {
            break
        }
        'brock;serve;keys;help;help' {
            break
        }
        'brock;serve;usage' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only requests of the last DURATION (e.g. 7d, 24h); default 30d')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Only this key''s requests (by name)')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'One row per model, key or day')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'The key store: a SQLite file or postgres://USER@HOST/DB shared by replicas (default <data dir>/serve.db); env BROCK_SERVE_DATABASE')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;serve;help' {
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Create, list, revoke and rotate the gateway''s virtual keys')
            [CompletionResult]::new('usage', 'usage', [CompletionResultType]::ParameterValue, 'Requests and tokens the gateway recorded, per key, model or day')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;serve;help;keys' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a key and print it (once: only its hash is stored)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys: name, prefix, models, limits, usage so far, created, expires, revoked')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a key: refused by every gateway on this store within a few seconds')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Give a key a new secret (printed once); the old one stops working')
            break
        }
        'brock;serve;help;keys;create' {
            break
        }
        'brock;serve;help;keys;list' {
            break
        }
        'brock;serve;help;keys;revoke' {
            break
        }
        'brock;serve;help;keys;rotate' {
            break
        }
        'brock;serve;help;usage' {
            break
        }
        'brock;serve;help;help' {
            break
        }
        'brock;tokens' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Model id, alias or inference profile (counted on its foundation model); env BROCK_MODEL')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Model id, alias or inference profile (counted on its foundation model); env BROCK_MODEL')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'System prompt')
            [CompletionResult]::new('--system', '--system', [CompletionResultType]::ParameterName, 'System prompt')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Attach an image, document or video (repeatable)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Attach an image, document or video (repeatable)')
            [CompletionResult]::new('--tools', '--tools', [CompletionResultType]::ParameterName, 'Tool definitions (OpenAI-style or Bedrock toolSpec JSON); they count too')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra model field KEY=JSON into additionalModelRequestFields (repeatable)')
            [CompletionResult]::new('--anthropic-beta', '--anthropic-beta', [CompletionResultType]::ParameterName, 'Anthropic beta flags, comma separated')
            [CompletionResult]::new('--input-format', '--input-format', [CompletionResultType]::ParameterName, 'Read the request as an OpenAI chat.completions JSON body (from stdin or --input-file)')
            [CompletionResult]::new('--input-file', '--input-file', [CompletionResultType]::ParameterName, 'Read the request body from this file instead of stdin')
            [CompletionResult]::new('--route', '--route', [CompletionResultType]::ParameterName, 'Count the Converse input, or the model family''s InvokeModel body (invoke), as chat --route')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact request that would be sent and exit')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;guardrail' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Check text against a guardrail and show its verdict (ApplyGuardrail)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;guardrail;apply' {
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Check the text as a user''s input or as a model''s output')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--full', '--full', [CompletionResultType]::ParameterName, 'Ask for every assessment, not only the policies that intervened (outputScope FULL)')
            [CompletionResult]::new('--fail-on-intervention', '--fail-on-intervention', [CompletionResultType]::ParameterName, 'Exit with status 6 when the guardrail intervenes (for scripts and CI)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact request that would be sent and exit')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;guardrail;help' {
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Check text against a guardrail and show its verdict (ApplyGuardrail)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;guardrail;help;apply' {
            break
        }
        'brock;guardrail;help;help' {
            break
        }
        'brock;roles' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;logs' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show the newest N exchanges (default 20; 0 for all)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Show the newest N exchanges (default 20; 0 for all)')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'The same search, as a flag')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Only exchanges with this model id or alias')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Only exchanges with this model id or alias')
            [CompletionResult]::new('--conversation', '--conversation', [CompletionResultType]::ParameterName, 'Only this conversation (an id, or a session name)')
            [CompletionResult]::new('--cid', '--cid', [CompletionResultType]::ParameterName, 'Only this conversation (an id, or a session name)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;sessions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List session files and logged conversations, most recent first (the default)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a conversation: a session NAME or a logged conversation ID')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a session file, or a logged conversation''s exchanges')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a session file, or a logged conversation''s exchanges')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;sessions;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;sessions;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;sessions;remove' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;sessions;rm' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;sessions;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List session files and logged conversations, most recent first (the default)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a conversation: a session NAME or a logged conversation ID')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a session file, or a logged conversation''s exchanges')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;sessions;help;list' {
            break
        }
        'brock;sessions;help;show' {
            break
        }
        'brock;sessions;help;remove' {
            break
        }
        'brock;sessions;help;help' {
            break
        }
        'brock;batch' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('submit', 'submit', [CompletionResultType]::ParameterValue, 'Upload the input to S3 and create a batch inference job (CreateModelInvocationJob)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show a job''s status and counts (GetModelInvocationJob)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List batch inference jobs, newest first (ListModelInvocationJobs)')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a running job (StopModelInvocationJob)')
            [CompletionResult]::new('results', 'results', [CompletionResultType]::ParameterValue, 'Download a finished job''s outputs and write them in input order')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;batch;submit' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Model id, alias or inference profile; env BROCK_MODEL')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Model id, alias or inference profile; env BROCK_MODEL')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Input lines: plain prompts, OpenAI chat.completions requests, or native records ({"recordId","modelInput"}); - for stdin')
            [CompletionResult]::new('--s3', '--s3', [CompletionResultType]::ParameterName, 'Where the job''s input, mapping and output go: s3://BUCKET/PREFIX/')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'The IAM service role Bedrock assumes to read and write the S3 location (CreateModelInvocationJob''s roleArn). Here it is not the global --role-arn: brock''s own role then comes from BROCK_ROLE_ARN, role_arn in the config or the AWS profile')
            [CompletionResult]::new('--service-role', '--service-role', [CompletionResultType]::ParameterName, 'The IAM service role Bedrock assumes to read and write the S3 location (CreateModelInvocationJob''s roleArn). Here it is not the global --role-arn: brock''s own role then comes from BROCK_ROLE_ARN, role_arn in the config or the AWS profile')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Job name (letters, digits, + - .); default brock-<time>')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'System prompt for plain-prompt lines')
            [CompletionResult]::new('--system', '--system', [CompletionResultType]::ParameterName, 'System prompt for plain-prompt lines')
            [CompletionResult]::new('--max-tokens', '--max-tokens', [CompletionResultType]::ParameterName, 'Maximum tokens to generate per record')
            [CompletionResult]::new('--temperature', '--temperature', [CompletionResultType]::ParameterName, 'Sampling temperature')
            [CompletionResult]::new('--timeout-hours', '--timeout-hours', [CompletionResultType]::ParameterName, 'Job timeout in hours (24 to 168)')
            [CompletionResult]::new('--records-per-job', '--records-per-job', [CompletionResultType]::ParameterName, 'Your account''s "Records per batch inference job" quota, when raised above the default')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Follow the job until it ends, with progress on stderr')
            [CompletionResult]::new('--converse', '--converse', [CompletionResultType]::ParameterName, 'Records as Converse requests (modelInvocationType Converse) instead of InvokeModel bodies')
            [CompletionResult]::new('--keep-input', '--keep-input', [CompletionResultType]::ParameterName, 'Keep the uploaded input in S3 when the job cannot be created (by default it is deleted)')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;batch;status' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Follow the job until it ends (status only)')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;batch;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only jobs in this status (Submitted, InProgress, Completed, Failed, Stopped, …)')
            [CompletionResult]::new('--name-contains', '--name-contains', [CompletionResultType]::ParameterName, 'Only jobs whose name contains this')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;batch;stop' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Follow the job until it ends (status only)')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;batch;results' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the results here instead of stdout')
            [CompletionResult]::new('--output-file', '--output-file', [CompletionResultType]::ParameterName, 'Write the results here instead of stdout')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;batch;help' {
            [CompletionResult]::new('submit', 'submit', [CompletionResultType]::ParameterValue, 'Upload the input to S3 and create a batch inference job (CreateModelInvocationJob)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show a job''s status and counts (GetModelInvocationJob)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List batch inference jobs, newest first (ListModelInvocationJobs)')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a running job (StopModelInvocationJob)')
            [CompletionResult]::new('results', 'results', [CompletionResultType]::ParameterValue, 'Download a finished job''s outputs and write them in input order')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;batch;help;submit' {
            break
        }
        'brock;batch;help;status' {
            break
        }
        'brock;batch;help;list' {
            break
        }
        'brock;batch;help;stop' {
            break
        }
        'brock;batch;help;results' {
            break
        }
        'brock;batch;help;help' {
            break
        }
        'brock;async' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start an async invocation writing to S3 (StartAsyncInvoke)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show an invocation''s status (GetAsyncInvoke)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List async invocations, newest first (ListAsyncInvokes)')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Download a completed invocation''s outputs into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;async;start' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Model id (e.g. amazon.nova-reel-v1:1); env BROCK_MODEL')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Model id (e.g. amazon.nova-reel-v1:1); env BROCK_MODEL')
            [CompletionResult]::new('--s3', '--s3', [CompletionResultType]::ParameterName, 'Where the outputs go: s3://BUCKET/PREFIX/')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'The native model input as JSON (instead of a prompt)')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Video length in seconds for a prompt (6; Nova Reel 1.1: multiples of 6 up to 120)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed for a prompt')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Follow the invocation until it ends, with progress on stderr')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;async;status' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Follow the invocation until it ends')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;async;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only invocations in this status (InProgress, Completed, Failed)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;async;fetch' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Directory to write the outputs into (created if missing)')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Directory to write the outputs into (created if missing)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;async;help' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start an async invocation writing to S3 (StartAsyncInvoke)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show an invocation''s status (GetAsyncInvoke)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List async invocations, newest first (ListAsyncInvokes)')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Download a completed invocation''s outputs into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;async;help;start' {
            break
        }
        'brock;async;help;status' {
            break
        }
        'brock;async;help;list' {
            break
        }
        'brock;async;help;fetch' {
            break
        }
        'brock;async;help;help' {
            break
        }
        'brock;video' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Model id; default amazon.nova-reel-v1:1')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Model id; default amazon.nova-reel-v1:1')
            [CompletionResult]::new('--s3', '--s3', [CompletionResultType]::ParameterName, 'Where Bedrock writes the video before it is downloaded: s3://BUCKET/PREFIX/')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Length in seconds (6; Nova Reel 1.1: a multiple of 6 up to 120)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'The file to write (MP4)')
            [CompletionResult]::new('--output-file', '--output-file', [CompletionResultType]::ParameterName, 'The file to write (MP4)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region, e.g. us-east-1; env AWS_REGION')
            [CompletionResult]::new('--aws-profile', '--aws-profile', [CompletionResultType]::ParameterName, 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME')
            [CompletionResult]::new('--bedrock-endpoint-url', '--bedrock-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK')
            [CompletionResult]::new('--agent-runtime-endpoint-url', '--agent-runtime-endpoint-url', [CompletionResultType]::ParameterName, 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Assume this IAM role on top of the resolved credentials')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Session name for --role-arn (default: brock-<unix time>)')
            [CompletionResult]::new('--external-id', '--external-id', [CompletionResultType]::ParameterName, 'External id for --role-arn')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json/ndjson for scripts (where the command supports it)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of the default; env BROCK_CONFIG')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Maximum attempts per request including the first (retries on throttling and 5xx)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Read timeout in seconds: the longest silence tolerated from the service')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;help' {
            [CompletionResult]::new('chat', 'chat', [CompletionResultType]::ParameterValue, 'Chat with a model: one-shot (argument and/or stdin) or an interactive REPL')
            [CompletionResult]::new('embed', 'embed', [CompletionResultType]::ParameterValue, 'Create embeddings (Titan, Cohere, Nova) from arguments, files or stdin')
            [CompletionResult]::new('image', 'image', [CompletionResultType]::ParameterValue, 'Generate images (Nova Canvas, Titan Image, Stability)')
            [CompletionResult]::new('rerank', 'rerank', [CompletionResultType]::ParameterValue, 'Rerank documents against a query (amazon.rerank, cohere.rerank)')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Bedrock Agents and knowledge bases (InvokeAgent, Retrieve, RetrieveAndGenerate)')
            [CompletionResult]::new('flow', 'flow', [CompletionResultType]::ParameterValue, 'Bedrock Flows: run a flow alias and stream its outputs (InvokeFlow)')
            [CompletionResult]::new('raw', 'raw', [CompletionResultType]::ParameterValue, 'Send native JSON to any Bedrock API path, signed, with event streams decoded')
            [CompletionResult]::new('models', 'models', [CompletionResultType]::ParameterValue, 'List foundation models, inference profiles, and your imported, custom and provisioned models')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show, locate or create the config file')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('emulator', 'emulator', [CompletionResultType]::ParameterValue, 'Serve the built-in Bedrock emulator on loopback for tests and benchmarks')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run an HTTP gateway: the OpenAI API, the Anthropic Messages API and a native Bedrock pass-through')
            [CompletionResult]::new('tokens', 'tokens', [CompletionResultType]::ParameterValue, 'Count a prompt''s input tokens without sending it to the model (CountTokens)')
            [CompletionResult]::new('guardrail', 'guardrail', [CompletionResultType]::ParameterValue, 'Check text against a guardrail without a model (ApplyGuardrail)')
            [CompletionResult]::new('roles', 'roles', [CompletionResultType]::ParameterValue, 'List the roles defined in the config ([roles.NAME])')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'List and search logged chat exchanges (oldest first, newest last)')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'List, show and remove saved conversations (session files and logged conversations)')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Batch inference over S3: submit many prompts as one job, follow it, fetch the results')
            [CompletionResult]::new('async', 'async', [CompletionResultType]::ParameterValue, 'Async invocations over S3 (Nova Reel videos): start, follow, fetch the outputs')
            [CompletionResult]::new('video', 'video', [CompletionResultType]::ParameterValue, 'Make a video with Nova Reel: start, wait, download the clip (on top of `brock async`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;help;chat' {
            break
        }
        'brock;help;embed' {
            break
        }
        'brock;help;image' {
            break
        }
        'brock;help;rerank' {
            break
        }
        'brock;help;agent' {
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Invoke an agent and stream its answer (InvokeAgent)')
            [CompletionResult]::new('chat', 'chat', [CompletionResultType]::ParameterValue, 'Talk to an agent turn by turn in one session')
            [CompletionResult]::new('inline', 'inline', [CompletionResultType]::ParameterValue, 'Run an agent defined on the command line: model, instruction, tools, knowledge bases (InvokeInlineAgent)')
            [CompletionResult]::new('retrieve', 'retrieve', [CompletionResultType]::ParameterValue, 'Query a knowledge base for matching passages (Retrieve)')
            [CompletionResult]::new('ask', 'ask', [CompletionResultType]::ParameterValue, 'Ask a knowledge base: a generated answer with citations (RetrieveAndGenerate)')
            break
        }
        'brock;help;agent;invoke' {
            break
        }
        'brock;help;agent;chat' {
            break
        }
        'brock;help;agent;inline' {
            break
        }
        'brock;help;agent;retrieve' {
            break
        }
        'brock;help;agent;ask' {
            break
        }
        'brock;help;flow' {
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Run a flow alias with one input and print its outputs as they arrive (InvokeFlow)')
            break
        }
        'brock;help;flow;invoke' {
            break
        }
        'brock;help;raw' {
            break
        }
        'brock;help;models' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one model''s (or inference profile''s) details')
            break
        }
        'brock;help;models;show' {
            break
        }
        'brock;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective settings and where each one came from')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the config file in use')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter config file (never overwrites)')
            break
        }
        'brock;help;config;show' {
            break
        }
        'brock;help;config;path' {
            break
        }
        'brock;help;config;init' {
            break
        }
        'brock;help;completions' {
            break
        }
        'brock;help;emulator' {
            break
        }
        'brock;help;serve' {
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Create, list, revoke and rotate the gateway''s virtual keys')
            [CompletionResult]::new('usage', 'usage', [CompletionResultType]::ParameterValue, 'Requests and tokens the gateway recorded, per key, model or day')
            break
        }
        'brock;help;serve;keys' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a key and print it (once: only its hash is stored)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys: name, prefix, models, limits, usage so far, created, expires, revoked')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a key: refused by every gateway on this store within a few seconds')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Give a key a new secret (printed once); the old one stops working')
            break
        }
        'brock;help;serve;keys;create' {
            break
        }
        'brock;help;serve;keys;list' {
            break
        }
        'brock;help;serve;keys;revoke' {
            break
        }
        'brock;help;serve;keys;rotate' {
            break
        }
        'brock;help;serve;usage' {
            break
        }
        'brock;help;tokens' {
            break
        }
        'brock;help;guardrail' {
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Check text against a guardrail and show its verdict (ApplyGuardrail)')
            break
        }
        'brock;help;guardrail;apply' {
            break
        }
        'brock;help;roles' {
            break
        }
        'brock;help;logs' {
            break
        }
        'brock;help;sessions' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List session files and logged conversations, most recent first (the default)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a conversation: a session NAME or a logged conversation ID')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a session file, or a logged conversation''s exchanges')
            break
        }
        'brock;help;sessions;list' {
            break
        }
        'brock;help;sessions;show' {
            break
        }
        'brock;help;sessions;remove' {
            break
        }
        'brock;help;batch' {
            [CompletionResult]::new('submit', 'submit', [CompletionResultType]::ParameterValue, 'Upload the input to S3 and create a batch inference job (CreateModelInvocationJob)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show a job''s status and counts (GetModelInvocationJob)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List batch inference jobs, newest first (ListModelInvocationJobs)')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a running job (StopModelInvocationJob)')
            [CompletionResult]::new('results', 'results', [CompletionResultType]::ParameterValue, 'Download a finished job''s outputs and write them in input order')
            break
        }
        'brock;help;batch;submit' {
            break
        }
        'brock;help;batch;status' {
            break
        }
        'brock;help;batch;list' {
            break
        }
        'brock;help;batch;stop' {
            break
        }
        'brock;help;batch;results' {
            break
        }
        'brock;help;async' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start an async invocation writing to S3 (StartAsyncInvoke)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show an invocation''s status (GetAsyncInvoke)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List async invocations, newest first (ListAsyncInvokes)')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Download a completed invocation''s outputs into a directory')
            break
        }
        'brock;help;async;start' {
            break
        }
        'brock;help;async;status' {
            break
        }
        'brock;help;async;list' {
            break
        }
        'brock;help;async;fetch' {
            break
        }
        'brock;help;video' {
            break
        }
        'brock;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
