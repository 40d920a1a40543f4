
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
            [CompletionResult]::new('raw', 'raw', [CompletionResultType]::ParameterValue, 'Send native JSON to any Bedrock API path, signed, with event streams decoded')
            [CompletionResult]::new('models', 'models', [CompletionResultType]::ParameterValue, 'List foundation models and inference profiles')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show, locate or create the config file')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('emulator', 'emulator', [CompletionResultType]::ParameterValue, 'Serve the built-in Bedrock emulator on loopback for tests and benchmarks')
            [CompletionResult]::new('__complete', '__complete', [CompletionResultType]::ParameterValue, 'Completion candidates for shell scripts (models, profiles)')
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
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Attach an image, document or video (repeatable); s3:// URIs are passed by reference')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Attach an image, document or video (repeatable); s3:// URIs are passed by reference')
            [CompletionResult]::new('--json-schema', '--json-schema', [CompletionResultType]::ParameterName, 'Constrain the answer to this JSON schema and print the JSON only')
            [CompletionResult]::new('--guardrail', '--guardrail', [CompletionResultType]::ParameterName, 'Apply a guardrail, ID:VERSION')
            [CompletionResult]::new('--latency', '--latency', [CompletionResultType]::ParameterName, 'Latency profile: standard or optimized')
            [CompletionResult]::new('--service-tier', '--service-tier', [CompletionResultType]::ParameterName, 'Service tier: default, priority, flex')
            [CompletionResult]::new('--request-metadata', '--request-metadata', [CompletionResultType]::ParameterName, 'Request metadata KEY=VALUE for invocation logs (repeatable)')
            [CompletionResult]::new('--prefill', '--prefill', [CompletionResultType]::ParameterName, 'Start the assistant''s answer with this text')
            [CompletionResult]::new('--input-format', '--input-format', [CompletionResultType]::ParameterName, 'Read the request as an OpenAI chat.completions JSON body (from stdin or --input-file)')
            [CompletionResult]::new('--input-file', '--input-file', [CompletionResultType]::ParameterName, 'Read the request body from this file instead of stdin')
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
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'Insert cache points after the system prompt and tools (prompt caching)')
            [CompletionResult]::new('--no-stream', '--no-stream', [CompletionResultType]::ParameterName, 'Use Converse instead of ConverseStream')
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
        'brock;embed' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Embedding model id or alias')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Embedding model id or alias')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Read texts from a file (one per line, or JSONL with --field)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read texts from a file (one per line, or JSONL with --field)')
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;image' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Image model id or alias')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Image model id or alias')
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;rerank' {
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'The query to rank against')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Rerank model id or ARN')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Rerank model id or ARN')
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Invoke an agent and stream its answer (InvokeAgent)')
            [CompletionResult]::new('chat', 'chat', [CompletionResultType]::ParameterValue, 'Chat with an agent in the REPL')
            [CompletionResult]::new('retrieve', 'retrieve', [CompletionResultType]::ParameterValue, 'Query a knowledge base (Retrieve)')
            [CompletionResult]::new('ask', 'ask', [CompletionResultType]::ParameterValue, 'Ask a knowledge base with generation and citations (RetrieveAndGenerate)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;agent;invoke' {
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;agent;chat' {
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;agent;retrieve' {
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;agent;ask' {
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;agent;help' {
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Invoke an agent and stream its answer (InvokeAgent)')
            [CompletionResult]::new('chat', 'chat', [CompletionResultType]::ParameterValue, 'Chat with an agent in the REPL')
            [CompletionResult]::new('retrieve', 'retrieve', [CompletionResultType]::ParameterValue, 'Query a knowledge base (Retrieve)')
            [CompletionResult]::new('ask', 'ask', [CompletionResultType]::ParameterValue, 'Ask a knowledge base with generation and citations (RetrieveAndGenerate)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'brock;agent;help;invoke' {
            break
        }
        'brock;agent;help;chat' {
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
            [CompletionResult]::new('--profiles', '--profiles', [CompletionResultType]::ParameterName, 'List inference profiles instead of foundation models')
            [CompletionResult]::new('--mock', '--mock', [CompletionResultType]::ParameterName, 'Run against the built-in Bedrock emulator (offline, dummy credentials)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour or styling (also: NO_COLOR)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer: no spinner, no usage footer')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'brock;__complete' {
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
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
            [CompletionResult]::new('raw', 'raw', [CompletionResultType]::ParameterValue, 'Send native JSON to any Bedrock API path, signed, with event streams decoded')
            [CompletionResult]::new('models', 'models', [CompletionResultType]::ParameterValue, 'List foundation models and inference profiles')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show, locate or create the config file')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('emulator', 'emulator', [CompletionResultType]::ParameterValue, 'Serve the built-in Bedrock emulator on loopback for tests and benchmarks')
            [CompletionResult]::new('__complete', '__complete', [CompletionResultType]::ParameterValue, 'Completion candidates for shell scripts (models, profiles)')
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
            [CompletionResult]::new('chat', 'chat', [CompletionResultType]::ParameterValue, 'Chat with an agent in the REPL')
            [CompletionResult]::new('retrieve', 'retrieve', [CompletionResultType]::ParameterValue, 'Query a knowledge base (Retrieve)')
            [CompletionResult]::new('ask', 'ask', [CompletionResultType]::ParameterValue, 'Ask a knowledge base with generation and citations (RetrieveAndGenerate)')
            break
        }
        'brock;help;agent;invoke' {
            break
        }
        'brock;help;agent;chat' {
            break
        }
        'brock;help;agent;retrieve' {
            break
        }
        'brock;help;agent;ask' {
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
        'brock;help;__complete' {
            break
        }
        'brock;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
