# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_brock_global_optspecs
    string join \n profile= region= aws-profile= endpoint-url= bedrock-endpoint-url= agent-runtime-endpoint-url= role-arn= role-session-name= external-id= output= mock v/verbose no-color q/quiet config= max-attempts= connect-timeout= read-timeout= h/help V/version
end

function __fish_brock_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_brock_global_optspecs) -- $cmd 2>/dev/null
    or begin
        set -e cmd[-1]
        and argparse -s (__fish_brock_global_optspecs) -- $cmd 2>/dev/null
    end
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_brock_using_subcommand
    set -l cmd (__fish_brock_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c brock -n "__fish_brock_needs_command" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_needs_command" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_needs_command" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_needs_command" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_needs_command" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_needs_command" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_needs_command" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_needs_command" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_needs_command" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_needs_command" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_needs_command" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_needs_command" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_needs_command" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_needs_command" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_needs_command" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_needs_command" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_needs_command" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_needs_command" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_needs_command" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_needs_command" -f -a "chat" -d 'Chat with a model: one-shot (argument and/or stdin) or an interactive REPL'
complete -c brock -n "__fish_brock_needs_command" -f -a "embed" -d 'Create embeddings (Titan, Cohere, Nova) from arguments, files or stdin'
complete -c brock -n "__fish_brock_needs_command" -f -a "image" -d 'Generate images (Nova Canvas, Titan Image, Stability)'
complete -c brock -n "__fish_brock_needs_command" -f -a "rerank" -d 'Rerank documents against a query (amazon.rerank, cohere.rerank)'
complete -c brock -n "__fish_brock_needs_command" -f -a "agent" -d 'Bedrock Agents and knowledge bases (InvokeAgent, Retrieve, RetrieveAndGenerate)'
complete -c brock -n "__fish_brock_needs_command" -f -a "flow" -d 'Bedrock Flows: run a flow alias and stream its outputs (InvokeFlow)'
complete -c brock -n "__fish_brock_needs_command" -f -a "raw" -d 'Send native JSON to any Bedrock API path, signed, with event streams decoded'
complete -c brock -n "__fish_brock_needs_command" -f -a "models" -d 'List foundation models, inference profiles, and your imported, custom and provisioned models'
complete -c brock -n "__fish_brock_needs_command" -f -a "config" -d 'Show, locate or create the config file'
complete -c brock -n "__fish_brock_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c brock -n "__fish_brock_needs_command" -f -a "emulator" -d 'Serve the built-in Bedrock emulator on loopback for tests and benchmarks'
complete -c brock -n "__fish_brock_needs_command" -f -a "serve" -d 'Run an HTTP gateway: the OpenAI API, the Anthropic Messages API and a native Bedrock pass-through'
complete -c brock -n "__fish_brock_needs_command" -f -a "tokens" -d 'Count a prompt\'s input tokens without sending it to the model (CountTokens)'
complete -c brock -n "__fish_brock_needs_command" -f -a "guardrail" -d 'Check text against a guardrail without a model (ApplyGuardrail)'
complete -c brock -n "__fish_brock_needs_command" -f -a "roles" -d 'List the roles defined in the config ([roles.NAME])'
complete -c brock -n "__fish_brock_needs_command" -f -a "logs" -d 'List and search logged chat exchanges (oldest first, newest last)'
complete -c brock -n "__fish_brock_needs_command" -f -a "sessions" -d 'List, show and remove saved conversations (session files and logged conversations)'
complete -c brock -n "__fish_brock_needs_command" -f -a "batch" -d 'Batch inference over S3: submit many prompts as one job, follow it, fetch the results'
complete -c brock -n "__fish_brock_needs_command" -f -a "async" -d 'Async invocations over S3 (Nova Reel videos): start, follow, fetch the outputs'
complete -c brock -n "__fish_brock_needs_command" -f -a "video" -d 'Make a video with Nova Reel: start, wait, download the clip (on top of `brock async`)'
complete -c brock -n "__fish_brock_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand chat" -s m -l model -d 'Model id, alias from [aliases], inference profile id or ARN; env BROCK_MODEL' -r -f -a "(brock __complete chat-models 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand chat" -s s -l system -d 'System prompt' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l max-tokens -d 'Maximum tokens to generate' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -s t -l temperature -d 'Sampling temperature (0–1 for most models)' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l top-p -d 'Nucleus sampling (0–1)' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l top-k -d 'Top-k sampling (sent in additionalModelRequestFields, named as the model family expects)' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l stop -d 'Stop sequence (repeatable)' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l param -d 'Extra model field KEY=JSON into additionalModelRequestFields (repeatable; dotted keys nest)' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l anthropic-beta -d 'Anthropic beta flags, comma separated (e.g. interleaved-thinking-2025-05-14)' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l response-field -d 'Extra response field path (additionalModelResponseFieldPaths), repeatable' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l reasoning -d 'Reasoning: off, low, medium, high, or a token budget' -r -f -a "off low medium high"
complete -c brock -n "__fish_brock_using_subcommand chat" -l tools -d 'Tool definitions (OpenAI-style or Bedrock toolSpec JSON)' -r -F
complete -c brock -n "__fish_brock_using_subcommand chat" -l tool-choice -d 'Tool choice: auto, any, none or a tool name' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -s a -l attach -d 'Attach an image, document or video (repeatable); s3:// URIs are passed by reference, https:// URLs fetched, `-` attaches piped stdin (format told from its content)' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l json-schema -d 'Constrain the answer to this JSON schema and print the JSON only' -r -F
complete -c brock -n "__fish_brock_using_subcommand chat" -l guardrail -d 'Apply a guardrail, ID:VERSION' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l guard -d 'Add TEXT to the prompt as guarded content: with --guardrail, only guarded content is checked (a Converse guardContent block; repeatable)' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l latency -d 'Latency profile: standard or optimized' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l service-tier -d 'Service tier: default, priority, flex' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l request-metadata -d 'Request metadata KEY=VALUE for invocation logs (repeatable)' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l prefill -d 'Start the assistant\'s answer with this text' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l input-format -d 'Read the request as an OpenAI chat.completions JSON body (from stdin or --input-file); the model is -m if given, else the body\'s model field, else the configured model' -r -f -a "text\t'Plain text prompt (default)'
openai\t'OpenAI chat.completions request JSON'"
complete -c brock -n "__fish_brock_using_subcommand chat" -l input-file -d 'Read the request body from this file instead of stdin' -r -F
complete -c brock -n "__fish_brock_using_subcommand chat" -l route -d 'API route: converse, invoke (the model family\'s InvokeModel body) or auto (Converse where the model has it)' -r -f -a "converse\t''
invoke\t''
auto\t''"
complete -c brock -n "__fish_brock_using_subcommand chat" -l family -d 'Model family for ids that do not show it (application inference profile or provisioned throughput ARNs, proxy models): anthropic, nova, nova2, llama, mistral, … (default: looked up)' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l api-base -d 'URL of a Converse-shaped proxy for converse_like/NAME models, posted to as given (its answer may be a Converse JSON body or an event stream)' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l api-key-env -d 'Environment variable holding the API key sent as a bearer token to --api-base' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l role -d 'Use a role from the config ([roles.NAME]: system prompt, model, settings, prompt template)' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l session -d 'Continue the saved session NAME (created if missing) and save the new turns back' -r -f -a "(brock __complete sessions 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand chat" -l cid -d 'Continue the logged conversation ID (see brock logs, brock sessions)' -r -f -a "(brock __complete conversations 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand chat" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand chat" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand chat" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand chat" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand chat" -l hide-reasoning -d 'Do not print the model\'s reasoning'
complete -c brock -n "__fish_brock_using_subcommand chat" -l guardrail-trace -d 'Print the guardrail trace to stderr'
complete -c brock -n "__fish_brock_using_subcommand chat" -l guard-stdin -d 'Send piped stdin as guarded content instead of appending it to the prompt'
complete -c brock -n "__fish_brock_using_subcommand chat" -l count-tokens -d 'Print the request\'s input token count (CountTokens) instead of sending it'
complete -c brock -n "__fish_brock_using_subcommand chat" -l cache -d 'Insert cache points after the system prompt and tools (prompt caching)'
complete -c brock -n "__fish_brock_using_subcommand chat" -l no-stream -d 'Use Converse instead of ConverseStream'
complete -c brock -n "__fish_brock_using_subcommand chat" -l dry-run -d 'Print the exact request that would be sent and exit'
complete -c brock -n "__fish_brock_using_subcommand chat" -s i -l interactive -d 'Open the interactive REPL (the default with no prompt on a terminal)'
complete -c brock -n "__fish_brock_using_subcommand chat" -l raw -d 'Write the answer\'s bytes exactly as the model sent them (no closing newline in a pipe)'
complete -c brock -n "__fish_brock_using_subcommand chat" -s c -l continue -d 'Continue the most recent logged conversation (its session file, if it has one)'
complete -c brock -n "__fish_brock_using_subcommand chat" -l no-log -d 'Do not record this chat in the log database (also: log = false, BROCK_LOG=0)'
complete -c brock -n "__fish_brock_using_subcommand chat" -l run-tools -d 'Run the tools the model calls ([tools.NAME] commands in the config) and send back the results'
complete -c brock -n "__fish_brock_using_subcommand chat" -s y -l yes -d 'Run tools without asking (for trusted scripts)'
complete -c brock -n "__fish_brock_using_subcommand chat" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand chat" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand chat" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand chat" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand chat" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand chat" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand embed" -s m -l model -d 'Embedding model id or alias (default: titan-embed = amazon.titan-embed-text-v2:0)' -r -f -a "(brock __complete embed-models 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand embed" -s f -l file -l input -d 'Read texts from a file, one per line (JSONL with --field); `-` for stdin' -r -F
complete -c brock -n "__fish_brock_using_subcommand embed" -l field -d 'Input is JSONL: embed this field of each object and carry the other fields to the output' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l dimensions -d 'Output vector size: Titan v2 256|512|1024, Cohere v4 256–1536, Nova 256|384|1024|3072' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l embedding-type -d 'Vector type: float, binary (Titan v2, Cohere), int8, uint8, ubinary (Cohere)' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l input-type -d 'Cohere / Nova: search_document, search_query, classification or clustering' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l truncate -d 'Cohere / Nova: what to do with text longer than the model takes: NONE, START or END' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l image -d 'Multimodal models (Titan Multimodal, Nova): embed this image (with the text, if any)' -r -F
complete -c brock -n "__fish_brock_using_subcommand embed" -l format -d 'How vectors are written: float (JSON numbers) or base64 (OpenAI encoding_format)' -r -f -a "float\t''
base64\t''"
complete -c brock -n "__fish_brock_using_subcommand embed" -s j -l concurrency -d 'Calls in flight at once' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l batch-size -d 'Texts per call for models that take many (Cohere: at most 96)' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l skip -d 'Skip the first N inputs (resume an interrupted run; indexes stay those of the input)' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l on-error -d 'A bad input line (empty, too long for the model): skip it with a warning, or fail' -r -f -a "skip\t''
fail\t''"
complete -c brock -n "__fish_brock_using_subcommand embed" -l s3 -d 'With --batch: where the job\'s input, mapping and output go: s3://BUCKET/PREFIX/' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l role-arn -d 'With --batch: the IAM service role Bedrock assumes to reach the S3 location. Without --batch: the role brock assumes, as the global --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -s o -l output-file -d 'With --batch --wait: write the vectors here instead of stdout' -r -F
complete -c brock -n "__fish_brock_using_subcommand embed" -l name -d 'With --batch: the job name (default brock-<time>)' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l records-per-job -d 'With --batch: your account\'s "Records per batch inference job" quota, when raised' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand embed" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand embed" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand embed" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand embed" -l normalize -d 'Titan v2: ask for unit-length vectors'
complete -c brock -n "__fish_brock_using_subcommand embed" -l no-normalize -d 'Titan v2: ask for raw (not normalized) vectors'
complete -c brock -n "__fish_brock_using_subcommand embed" -l no-progress -d 'No progress bar'
complete -c brock -n "__fish_brock_using_subcommand embed" -l dry-run -d 'Print the exact requests that would be sent (a JSON array when there are several) and exit'
complete -c brock -n "__fish_brock_using_subcommand embed" -l batch -d 'Send the texts as a Bedrock batch inference job over S3 (one record per line, at least 100; about half the on-demand price) instead of calling the model from here'
complete -c brock -n "__fish_brock_using_subcommand embed" -l wait -d 'With --batch: follow the job and write its vectors, in input order, when it ends'
complete -c brock -n "__fish_brock_using_subcommand embed" -l keep-input -d 'With --batch: keep the uploaded input in S3 when the job cannot be created'
complete -c brock -n "__fish_brock_using_subcommand embed" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand embed" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand embed" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand embed" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand embed" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand embed" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand image" -s m -l model -d 'Image model id or alias (default: nova-canvas = amazon.nova-canvas-v1:0)' -r -f -a "(brock __complete image-models 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand image" -l task -d 'Nova Canvas / Titan task (default: text-image, or color-guided with --colors)' -r -f -a "text-image\t''
color-guided\t''
variation\t''
inpainting\t''
outpainting\t''
background-removal\t''"
complete -c brock -n "__fish_brock_using_subcommand image" -l negative -d 'What the image must not show (negative prompt)' -r
complete -c brock -n "__fish_brock_using_subcommand image" -s i -l input -d 'Input image for variation, inpainting, outpainting, background removal (repeatable for variation); reference image for color-guided generation' -r -F
complete -c brock -n "__fish_brock_using_subcommand image" -l mask-prompt -d 'Inpainting/outpainting: describe the area to change' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l mask-image -d 'Inpainting/outpainting: a mask image (black = change)' -r -F
complete -c brock -n "__fish_brock_using_subcommand image" -l similarity -d 'Image variation: how close to the input, 0.2–1.0' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l colors -d 'Color-guided generation: colours as #RRGGBB, comma separated (1–10)' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l size -d 'Image size WIDTHxHEIGHT (Nova Canvas, Titan, SDXL)' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l aspect-ratio -d 'Aspect ratio (Stability): 16:9, 1:1, 21:9, 2:3, 3:2, 4:5, 5:4, 9:16, 9:21' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l quality -d 'Nova Canvas / Titan quality: standard or premium' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l cfg-scale -d 'How strictly to follow the prompt (Nova Canvas / Titan 1.1–10, SDXL 0–35)' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l seed -d 'Seed for reproducible images' -r
complete -c brock -n "__fish_brock_using_subcommand image" -s n -l count -d 'Number of images (Nova Canvas / Titan: 1–5)' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l style -d 'SDXL style preset, e.g. photographic, anime, cinematic' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l format -d 'Output format (Stability): png, jpeg or webp' -r
complete -c brock -n "__fish_brock_using_subcommand image" -s o -l output-file -d 'Write the image here (with -n above 1: NAME-1.png, NAME-2.png, …); never overwrites' -r -F
complete -c brock -n "__fish_brock_using_subcommand image" -l out-dir -d 'Write images into this directory (created if needed), named after the prompt' -r -F
complete -c brock -n "__fish_brock_using_subcommand image" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand image" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand image" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand image" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand image" -l precise -d 'Outpainting: keep the masked area exactly (PRECISE) instead of DEFAULT'
complete -c brock -n "__fish_brock_using_subcommand image" -l show -d 'Also draw the image in the terminal (kitty, iTerm2, WezTerm)'
complete -c brock -n "__fish_brock_using_subcommand image" -l dry-run -d 'Print the exact request that would be sent and exit'
complete -c brock -n "__fish_brock_using_subcommand image" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand image" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand image" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand image" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand image" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand image" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand rerank" -l query -d 'The query to rank against' -r
complete -c brock -n "__fish_brock_using_subcommand rerank" -s m -l model -d 'Rerank model id or ARN (default: rerank = cohere.rerank-v3-5:0)' -r -f -a "(brock __complete rerank-models 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand rerank" -s f -l file -d 'Read documents from a file, one per line (JSONL with --field); `-` for stdin' -r -F
complete -c brock -n "__fish_brock_using_subcommand rerank" -l field -d 'Input is JSONL: rank on this field; the other fields are carried to JSON output' -r
complete -c brock -n "__fish_brock_using_subcommand rerank" -s n -l top-n -d 'Return only the N best documents' -r
complete -c brock -n "__fish_brock_using_subcommand rerank" -l route -d 'API: rerank (bedrock-agent-runtime Rerank, SigV4 only) or invoke (InvokeModel, Cohere body)' -r -f -a "rerank\t''
invoke\t''"
complete -c brock -n "__fish_brock_using_subcommand rerank" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand rerank" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand rerank" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand rerank" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand rerank" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand rerank" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand rerank" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand rerank" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand rerank" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand rerank" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand rerank" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand rerank" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand rerank" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand rerank" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand rerank" -l return-documents -d 'Include each document\'s text in JSON output'
complete -c brock -n "__fish_brock_using_subcommand rerank" -l dry-run -d 'Print the exact request that would be sent and exit'
complete -c brock -n "__fish_brock_using_subcommand rerank" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand rerank" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand rerank" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand rerank" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand rerank" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand rerank" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -f -a "invoke" -d 'Invoke an agent and stream its answer (InvokeAgent)'
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -f -a "chat" -d 'Talk to an agent turn by turn in one session'
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -f -a "inline" -d 'Run an agent defined on the command line: model, instruction, tools, knowledge bases (InvokeInlineAgent)'
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -f -a "retrieve" -d 'Query a knowledge base for matching passages (Retrieve)'
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -f -a "ask" -d 'Ask a knowledge base: a generated answer with citations (RetrieveAndGenerate)'
complete -c brock -n "__fish_brock_using_subcommand agent; and not __fish_seen_subcommand_from invoke chat inline retrieve ask help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l session -d 'Session id to use (default: a new one, printed on stderr)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l memory-id -d 'Memory id, for agents with long-term memory enabled' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l session-attr -d 'Session attribute KEY=VALUE, kept for the whole session (repeatable)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l prompt-attr -d 'Prompt session attribute KEY=VALUE, for this turn only (repeatable)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l max-rounds -d 'Most return-of-control rounds per turn before giving up' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l guardrail-interval -d 'Characters between guardrail checks while the answer streams (applyGuardrailInterval; for agents with a guardrail; the service default is 50)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -s c -l continue -d 'Reuse the last session of this agent and alias'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l trace -d 'Show the orchestration trace (rationale, actions, knowledge base lookups, guardrails) dimmed on stderr'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l tools -d 'Run the calls the agent returns control for with the configured [tools.NAME] commands and send the results back'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -s y -l yes -d 'Run tools without asking for approval'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l end-session -d 'End the session after this answer'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l dry-run -d 'Print the exact request that would be sent and exit'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from invoke" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l session -d 'Session id to use (default: a new one, printed on stderr)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l memory-id -d 'Memory id, for agents with long-term memory enabled' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l session-attr -d 'Session attribute KEY=VALUE, kept for the whole session (repeatable)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l prompt-attr -d 'Prompt session attribute KEY=VALUE, for this turn only (repeatable)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l max-rounds -d 'Most return-of-control rounds per turn before giving up' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l guardrail-interval -d 'Characters between guardrail checks while the answer streams (applyGuardrailInterval; for agents with a guardrail; the service default is 50)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -s c -l continue -d 'Reuse the last session of this agent and alias'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l trace -d 'Show the orchestration trace (rationale, actions, knowledge base lookups, guardrails) dimmed on stderr'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l tools -d 'Run the calls the agent returns control for with the configured [tools.NAME] commands and send the results back'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -s y -l yes -d 'Run tools without asking for approval'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from chat" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -s m -l model -d 'Foundation model: id, alias from [aliases], inference profile id or ARN; env BROCK_MODEL' -r -f -a "(brock __complete chat-models 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l instruction -d 'What the agent is for and how it behaves, at least 40 characters (text or @FILE; default: the system setting, env BROCK_SYSTEM)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l kb -d 'Give the agent a knowledge base, with a description of when to search it (repeatable)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l tools-file -d 'Tool definitions (OpenAI-style, Bedrock toolSpec or Anthropic JSON) declared as agent functions; with --tools, the ones with a [tools.NAME] command run' -r -F
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l session -d 'Session id to use (default: a new one, printed on stderr)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l memory-id -d 'Memory id, for agents with long-term memory enabled' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l session-attr -d 'Session attribute KEY=VALUE, kept for the whole session (repeatable)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l prompt-attr -d 'Prompt session attribute KEY=VALUE, for this turn only (repeatable)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l max-rounds -d 'Most return-of-control rounds per turn before giving up' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l guardrail-interval -d 'Characters between guardrail checks while the answer streams (applyGuardrailInterval; for agents with a guardrail; the service default is 50)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -s c -l continue -d 'Reuse the last session of this agent and alias'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l trace -d 'Show the orchestration trace (rationale, actions, knowledge base lookups, guardrails) dimmed on stderr'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l tools -d 'Run the calls the agent returns control for with the configured [tools.NAME] commands and send the results back'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -s y -l yes -d 'Run tools without asking for approval'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l end-session -d 'End the session after this answer'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l dry-run -d 'Print the exact request that would be sent and exit'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from inline" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -s k -l top-k -d 'Number of passages to retrieve (1–100; the service default is 5)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l search-type -d 'Search type: HYBRID or SEMANTIC' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l filter -d 'Metadata filter (a RetrievalFilter as JSON text or @FILE), e.g. \'{"equals":{"key":"category","value":"billing"}}\'' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l next-token -d 'Continue from this pagination token (printed on stderr when more results exist)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l all -d 'Follow pagination tokens and print every page'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l dry-run -d 'Print the exact request that would be sent (the first page) and exit'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from retrieve" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -s m -l model -d 'Model that writes the answer: id, alias, inference profile id or ARN; env BROCK_MODEL' -r -f -a "(brock __complete chat-models 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -s k -l top-k -d 'Number of passages to retrieve (1–100; the service default is 5)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l search-type -d 'Search type: HYBRID or SEMANTIC' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l filter -d 'Metadata filter (a RetrievalFilter as JSON text or @FILE), e.g. \'{"equals":{"key":"category","value":"billing"}}\'' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l session -d 'Continue a RetrieveAndGenerate session (its id is printed on stderr)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l no-stream -d 'Use RetrieveAndGenerate instead of RetrieveAndGenerateStream'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l dry-run -d 'Print the exact request that would be sent and exit'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from ask" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "invoke" -d 'Invoke an agent and stream its answer (InvokeAgent)'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "chat" -d 'Talk to an agent turn by turn in one session'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "inline" -d 'Run an agent defined on the command line: model, instruction, tools, knowledge bases (InvokeInlineAgent)'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "retrieve" -d 'Query a knowledge base for matching passages (Retrieve)'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "ask" -d 'Ask a knowledge base: a generated answer with citations (RetrieveAndGenerate)'
complete -c brock -n "__fish_brock_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -f -a "invoke" -d 'Run a flow alias with one input and print its outputs as they arrive (InvokeFlow)'
complete -c brock -n "__fish_brock_using_subcommand flow; and not __fish_seen_subcommand_from invoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l input-node -d 'Node the input goes to [default: FlowInputNode; with --execution-id, the node that asked]' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l input-output-name -d 'Output name of the input node (nodeOutputName) [default: document]' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l execution-id -d 'Continue this flow execution: the input answers the question the flow asked' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l json -d 'Send the input as a JSON document (object, array, number…) instead of text'
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l trace -d 'Show each node\'s inputs and outputs dimmed on stderr'
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from invoke" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from help" -f -a "invoke" -d 'Run a flow alias with one input and print its outputs as they arrive (InvokeFlow)'
complete -c brock -n "__fish_brock_using_subcommand flow; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand raw" -s d -l data -d 'Request body: JSON text, @FILE, or @- for stdin (default: stdin when it is piped)' -r
complete -c brock -n "__fish_brock_using_subcommand raw" -l service -d 'Service: runtime (bedrock-runtime), agent-runtime, or bedrock (control plane)' -r -f -a "runtime\t'bedrock-runtime'
agent-runtime\t'bedrock-agent-runtime'
bedrock\t'the bedrock control plane'"
complete -c brock -n "__fish_brock_using_subcommand raw" -s H -l header -d 'Extra header \'Name: value\' (repeatable), e.g. \'X-Amzn-Bedrock-Trace: ENABLED\'' -r
complete -c brock -n "__fish_brock_using_subcommand raw" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand raw" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand raw" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand raw" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand raw" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand raw" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand raw" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand raw" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand raw" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand raw" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand raw" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand raw" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand raw" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand raw" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand raw" -l binary -d 'Send the body as is, without checking that it is JSON'
complete -c brock -n "__fish_brock_using_subcommand raw" -s i -l include -d 'Print the status line and response headers on stderr (and error bodies on stdout)'
complete -c brock -n "__fish_brock_using_subcommand raw" -l raw-frames -d 'For event streams: print every frame with all its headers instead of {event, payload}'
complete -c brock -n "__fish_brock_using_subcommand raw" -l no-retry -d 'Do not retry throttled or failed requests'
complete -c brock -n "__fish_brock_using_subcommand raw" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand raw" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand raw" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand raw" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand raw" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand raw" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l provider -d 'Only models from this provider (e.g. Anthropic, Amazon, Meta)' -r
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l modality -d 'Only models with this output modality: TEXT, IMAGE, EMBEDDING, VIDEO' -r
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l kind -d 'What to list: foundation models, system inference profiles, application inference profiles, imported models, custom models, provisioned throughputs, or all of them' -r -f -a "foundation\t''
profile\t''
application\t''
imported\t''
custom\t''
provisioned\t''
all\t''"
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l profiles -d 'List inference profiles instead of foundation models (the same as --kind profile)'
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -a "show" -d 'Show one model\'s (or inference profile\'s) details'
complete -c brock -n "__fish_brock_using_subcommand models; and not __fish_seen_subcommand_from show help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one model\'s (or inference profile\'s) details'
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -f -a "show" -d 'Print the effective settings and where each one came from'
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -f -a "path" -d 'Print the path of the config file in use'
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -f -a "init" -d 'Write a commented starter config file (never overwrites)'
complete -c brock -n "__fish_brock_using_subcommand config; and not __fish_seen_subcommand_from show path init help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the effective settings and where each one came from'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the path of the config file in use'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write a commented starter config file (never overwrites)'
complete -c brock -n "__fish_brock_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand completions" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand completions" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand completions" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand completions" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand completions" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand completions" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand completions" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand completions" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand completions" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand completions" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand completions" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand completions" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand completions" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand completions" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand completions" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand completions" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand completions" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand completions" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand completions" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand emulator" -l listen -d 'Address to listen on (loopback only); port 0 picks a free port' -r
complete -c brock -n "__fish_brock_using_subcommand emulator" -l latency -d 'Delay before the first byte of every answer, in milliseconds' -r
complete -c brock -n "__fish_brock_using_subcommand emulator" -l tokens-per-second -d 'Pace streamed answers at this many tokens per second (0: as fast as possible)' -r
complete -c brock -n "__fish_brock_using_subcommand emulator" -l access-key -d 'Access key id the emulator accepts for SigV4' -r
complete -c brock -n "__fish_brock_using_subcommand emulator" -l secret-key -d 'Secret key the emulator uses to verify SigV4' -r
complete -c brock -n "__fish_brock_using_subcommand emulator" -l bearer-token -d 'Accept this bearer token (Bedrock API key); repeatable' -r
complete -c brock -n "__fish_brock_using_subcommand emulator" -l replay -d 'Replay the responses of this recorded cassette (VCR YAML) for matching requests' -r -F
complete -c brock -n "__fish_brock_using_subcommand emulator" -l job-polls-per-status -d 'Pace of batch jobs and async invocations: status polls each status lasts (1 to 1000)' -r
complete -c brock -n "__fish_brock_using_subcommand emulator" -l batch-records-per-job -d 'The "Records per batch inference job" quota jobs are checked against (Bedrock\'s default)' -r
complete -c brock -n "__fish_brock_using_subcommand emulator" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand emulator" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand emulator" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand emulator" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand emulator" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand emulator" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand emulator" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand emulator" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand emulator" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand emulator" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand emulator" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand emulator" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand emulator" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand emulator" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand emulator" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand emulator" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand emulator" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand emulator" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand emulator" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand emulator" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l database -d 'The key store: a SQLite file or postgres://USER@HOST/DB shared by replicas (default <data dir>/serve.db); env BROCK_SERVE_DATABASE' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l master-key-env -d 'Environment variable holding the admin API\'s master key (/admin/keys); env BROCK_SERVE_MASTER_KEY_ENV' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l listen -d 'Address to listen on (default 127.0.0.1:4000; port 0 picks a free port); env BROCK_SERVE_LISTEN' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l api-key-env -d 'Environment variable holding a key clients must send (Authorization: Bearer or x-api-key); repeatable; env BROCK_SERVE_API_KEY_ENV' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l log-format -d 'Request log format on stderr; env BROCK_SERVE_LOG_FORMAT' -r -f -a "text\t''
json\t''"
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l drain-timeout -d 'Seconds to let in-flight requests finish after SIGTERM or Ctrl-C; env BROCK_SERVE_DRAIN_TIMEOUT' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l cors-origin -d 'Allow browser requests from this origin (CORS; off by default); repeatable; env BROCK_SERVE_CORS_ORIGINS' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l header-read-timeout -d 'Seconds a client has to send its request headers (default 10); env BROCK_SERVE_HEADER_READ_TIMEOUT' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l body-read-timeout -d 'Seconds a client may pause while sending its request body (default 30); env BROCK_SERVE_BODY_READ_TIMEOUT' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l max-request-size-mb -d 'Largest request body in MiB (default 32); larger ones are answered 413; env BROCK_SERVE_MAX_REQUEST_SIZE_MB' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -f -a "keys" -d 'Create, list, revoke and rotate the gateway\'s virtual keys'
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -f -a "usage" -d 'Requests and tokens the gateway recorded, per key, model or day'
complete -c brock -n "__fish_brock_using_subcommand serve; and not __fish_seen_subcommand_from keys usage help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -l database -d 'The key store: a SQLite file or postgres://USER@HOST/DB shared by replicas (default <data dir>/serve.db); env BROCK_SERVE_DATABASE' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -f -a "create" -d 'Create a key and print it (once: only its hash is stored)'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -f -a "list" -d 'List the keys: name, prefix, models, limits, usage so far, created, expires, revoked'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -f -a "revoke" -d 'Revoke a key: refused by every gateway on this store within a few seconds'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -f -a "rotate" -d 'Give a key a new secret (printed once); the old one stops working'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from keys" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l since -d 'Only requests of the last DURATION (e.g. 7d, 24h); default 30d' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l key -d 'Only this key\'s requests (by name)' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l by -d 'One row per model, key or day' -r -f -a "model\t''
key\t''
day\t''"
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l database -d 'The key store: a SQLite file or postgres://USER@HOST/DB shared by replicas (default <data dir>/serve.db); env BROCK_SERVE_DATABASE' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from usage" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from help" -f -a "keys" -d 'Create, list, revoke and rotate the gateway\'s virtual keys'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from help" -f -a "usage" -d 'Requests and tokens the gateway recorded, per key, model or day'
complete -c brock -n "__fish_brock_using_subcommand serve; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand tokens" -s m -l model -d 'Model id, alias or inference profile (counted on its foundation model); env BROCK_MODEL' -r -f -a "(brock __complete chat-models 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand tokens" -s s -l system -d 'System prompt' -r
complete -c brock -n "__fish_brock_using_subcommand tokens" -s a -l attach -d 'Attach an image, document or video (repeatable)' -r
complete -c brock -n "__fish_brock_using_subcommand tokens" -l tools -d 'Tool definitions (OpenAI-style or Bedrock toolSpec JSON); they count too' -r -F
complete -c brock -n "__fish_brock_using_subcommand tokens" -l param -d 'Extra model field KEY=JSON into additionalModelRequestFields (repeatable)' -r
complete -c brock -n "__fish_brock_using_subcommand tokens" -l anthropic-beta -d 'Anthropic beta flags, comma separated' -r
complete -c brock -n "__fish_brock_using_subcommand tokens" -l input-format -d 'Read the request as an OpenAI chat.completions JSON body (from stdin or --input-file)' -r -f -a "text\t'Plain text prompt (default)'
openai\t'OpenAI chat.completions request JSON'"
complete -c brock -n "__fish_brock_using_subcommand tokens" -l input-file -d 'Read the request body from this file instead of stdin' -r -F
complete -c brock -n "__fish_brock_using_subcommand tokens" -l route -d 'Count the Converse input, or the model family\'s InvokeModel body (invoke), as chat --route' -r -f -a "converse\t''
invoke\t''
auto\t''"
complete -c brock -n "__fish_brock_using_subcommand tokens" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand tokens" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand tokens" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand tokens" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand tokens" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand tokens" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand tokens" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand tokens" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand tokens" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand tokens" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand tokens" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand tokens" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand tokens" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand tokens" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand tokens" -l dry-run -d 'Print the exact request that would be sent and exit'
complete -c brock -n "__fish_brock_using_subcommand tokens" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand tokens" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand tokens" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand tokens" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand tokens" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand tokens" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -f -a "apply" -d 'Check text against a guardrail and show its verdict (ApplyGuardrail)'
complete -c brock -n "__fish_brock_using_subcommand guardrail; and not __fish_seen_subcommand_from apply help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l source -d 'Check the text as a user\'s input or as a model\'s output' -r -f -a "input\t''
output\t''"
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l full -d 'Ask for every assessment, not only the policies that intervened (outputScope FULL)'
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l fail-on-intervention -d 'Exit with status 6 when the guardrail intervenes (for scripts and CI)'
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l dry-run -d 'Print the exact request that would be sent and exit'
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from apply" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Check text against a guardrail and show its verdict (ApplyGuardrail)'
complete -c brock -n "__fish_brock_using_subcommand guardrail; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand roles" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand roles" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand roles" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand roles" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand roles" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand roles" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand roles" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand roles" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand roles" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand roles" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand roles" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand roles" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand roles" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand roles" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand roles" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand roles" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand roles" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand roles" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand roles" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand roles" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand logs" -s n -l count -d 'Show the newest N exchanges (default 20; 0 for all)' -r
complete -c brock -n "__fish_brock_using_subcommand logs" -l query -d 'The same search, as a flag' -r
complete -c brock -n "__fish_brock_using_subcommand logs" -s m -l model -d 'Only exchanges with this model id or alias' -r -f -a "(brock __complete models 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand logs" -l conversation -l cid -d 'Only this conversation (an id, or a session name)' -r -f -a "(brock __complete conversations 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand logs" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand logs" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand logs" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand logs" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand logs" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand logs" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand logs" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand logs" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand logs" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand logs" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand logs" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand logs" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand logs" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand logs" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand logs" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand logs" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand logs" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand logs" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand logs" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -f -a "list" -d 'List session files and logged conversations, most recent first (the default)'
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -f -a "show" -d 'Print a conversation: a session NAME or a logged conversation ID'
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -f -a "remove" -d 'Remove a session file, or a logged conversation\'s exchanges'
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -f -a "rm" -d 'Remove a session file, or a logged conversation\'s exchanges'
complete -c brock -n "__fish_brock_using_subcommand sessions; and not __fish_seen_subcommand_from list show remove rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "list" -d 'List session files and logged conversations, most recent first (the default)'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print a conversation: a session NAME or a logged conversation ID'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a session file, or a logged conversation\'s exchanges'
complete -c brock -n "__fish_brock_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -f -a "submit" -d 'Upload the input to S3 and create a batch inference job (CreateModelInvocationJob)'
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -f -a "status" -d 'Show a job\'s status and counts (GetModelInvocationJob)'
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -f -a "list" -d 'List batch inference jobs, newest first (ListModelInvocationJobs)'
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -f -a "stop" -d 'Stop a running job (StopModelInvocationJob)'
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -f -a "results" -d 'Download a finished job\'s outputs and write them in input order'
complete -c brock -n "__fish_brock_using_subcommand batch; and not __fish_seen_subcommand_from submit status list stop results help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -s m -l model -d 'Model id, alias or inference profile; env BROCK_MODEL' -r -f -a "(brock __complete chat-models 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l input -d 'Input lines: plain prompts, OpenAI chat.completions requests, or native records ({"recordId","modelInput"}); - for stdin' -r -F
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l s3 -d 'Where the job\'s input, mapping and output go: s3://BUCKET/PREFIX/' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l role-arn -l service-role -d 'The IAM service role Bedrock assumes to read and write the S3 location (CreateModelInvocationJob\'s roleArn). Here it is not the global --role-arn: brock\'s own role then comes from BROCK_ROLE_ARN, role_arn in the config or the AWS profile' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l name -d 'Job name (letters, digits, + - .); default brock-<time>' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -s s -l system -d 'System prompt for plain-prompt lines' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l max-tokens -d 'Maximum tokens to generate per record' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l temperature -d 'Sampling temperature' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l timeout-hours -d 'Job timeout in hours (24 to 168)' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l records-per-job -d 'Your account\'s "Records per batch inference job" quota, when raised above the default' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l wait -d 'Follow the job until it ends, with progress on stderr'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l converse -d 'Records as Converse requests (modelInvocationType Converse) instead of InvokeModel bodies'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l keep-input -d 'Keep the uploaded input in S3 when the job cannot be created (by default it is deleted)'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from submit" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -l wait -d 'Follow the job until it ends (status only)'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -l status -d 'Only jobs in this status (Submitted, InProgress, Completed, Failed, Stopped, …)' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -l name-contains -d 'Only jobs whose name contains this' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -l wait -d 'Follow the job until it ends (status only)'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -s o -l output-file -d 'Write the results here instead of stdout' -r -F
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from results" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "submit" -d 'Upload the input to S3 and create a batch inference job (CreateModelInvocationJob)'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show a job\'s status and counts (GetModelInvocationJob)'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "list" -d 'List batch inference jobs, newest first (ListModelInvocationJobs)'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop a running job (StopModelInvocationJob)'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "results" -d 'Download a finished job\'s outputs and write them in input order'
complete -c brock -n "__fish_brock_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -f -a "start" -d 'Start an async invocation writing to S3 (StartAsyncInvoke)'
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -f -a "status" -d 'Show an invocation\'s status (GetAsyncInvoke)'
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -f -a "list" -d 'List async invocations, newest first (ListAsyncInvokes)'
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -f -a "fetch" -d 'Download a completed invocation\'s outputs into a directory'
complete -c brock -n "__fish_brock_using_subcommand async; and not __fish_seen_subcommand_from start status list fetch help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -s m -l model -d 'Model id (e.g. amazon.nova-reel-v1:1); env BROCK_MODEL' -r -f -a "(brock __complete chat-models 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l s3 -d 'Where the outputs go: s3://BUCKET/PREFIX/' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l input -d 'The native model input as JSON (instead of a prompt)' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l duration -d 'Video length in seconds for a prompt (6; Nova Reel 1.1: multiples of 6 up to 120)' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l seed -d 'Seed for a prompt' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l wait -d 'Follow the invocation until it ends, with progress on stderr'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -l wait -d 'Follow the invocation until it ends'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -l status -d 'Only invocations in this status (InProgress, Completed, Failed)' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -s o -l output-dir -d 'Directory to write the outputs into (created if missing)' -r -F
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from fetch" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start an async invocation writing to S3 (StartAsyncInvoke)'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show an invocation\'s status (GetAsyncInvoke)'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from help" -f -a "list" -d 'List async invocations, newest first (ListAsyncInvokes)'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from help" -f -a "fetch" -d 'Download a completed invocation\'s outputs into a directory'
complete -c brock -n "__fish_brock_using_subcommand async; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand video" -s m -l model -d 'Model id; default amazon.nova-reel-v1:1' -r -f -a "(brock __complete chat-models 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand video" -l s3 -d 'Where Bedrock writes the video before it is downloaded: s3://BUCKET/PREFIX/' -r
complete -c brock -n "__fish_brock_using_subcommand video" -l duration -d 'Length in seconds (6; Nova Reel 1.1: a multiple of 6 up to 120)' -r
complete -c brock -n "__fish_brock_using_subcommand video" -l seed -d 'Seed' -r
complete -c brock -n "__fish_brock_using_subcommand video" -s o -l output-file -d 'The file to write (MP4)' -r -F
complete -c brock -n "__fish_brock_using_subcommand video" -l profile -d 'brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE' -r -f -a "(brock __complete profiles 2>/dev/null)"
complete -c brock -n "__fish_brock_using_subcommand video" -l region -d 'AWS region, e.g. us-east-1; env AWS_REGION' -r
complete -c brock -n "__fish_brock_using_subcommand video" -l aws-profile -d 'Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE' -r
complete -c brock -n "__fish_brock_using_subcommand video" -l endpoint-url -d 'Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand video" -l bedrock-endpoint-url -d 'Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK' -r
complete -c brock -n "__fish_brock_using_subcommand video" -l agent-runtime-endpoint-url -d 'Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME' -r
complete -c brock -n "__fish_brock_using_subcommand video" -l role-arn -d 'Assume this IAM role on top of the resolved credentials' -r
complete -c brock -n "__fish_brock_using_subcommand video" -l role-session-name -d 'Session name for --role-arn (default: brock-<unix time>)' -r
complete -c brock -n "__fish_brock_using_subcommand video" -l external-id -d 'External id for --role-arn' -r
complete -c brock -n "__fish_brock_using_subcommand video" -l output -d 'Output format: text for people, json/ndjson for scripts (where the command supports it)' -r -f -a "text\t''
json\t''
ndjson\t''"
complete -c brock -n "__fish_brock_using_subcommand video" -l config -d 'Config file to use instead of the default; env BROCK_CONFIG' -r -F
complete -c brock -n "__fish_brock_using_subcommand video" -l max-attempts -d 'Maximum attempts per request including the first (retries on throttling and 5xx)' -r
complete -c brock -n "__fish_brock_using_subcommand video" -l connect-timeout -d 'Connect timeout in seconds' -r
complete -c brock -n "__fish_brock_using_subcommand video" -l read-timeout -d 'Read timeout in seconds: the longest silence tolerated from the service' -r
complete -c brock -n "__fish_brock_using_subcommand video" -l mock -d 'Run against the built-in Bedrock emulator (offline, dummy credentials)'
complete -c brock -n "__fish_brock_using_subcommand video" -s v -l verbose -d 'Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted'
complete -c brock -n "__fish_brock_using_subcommand video" -l no-color -d 'Never use colour or styling (also: NO_COLOR)'
complete -c brock -n "__fish_brock_using_subcommand video" -s q -l quiet -d 'Print only the answer: no spinner, no usage footer'
complete -c brock -n "__fish_brock_using_subcommand video" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c brock -n "__fish_brock_using_subcommand video" -s V -l version -d 'Print version'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "chat" -d 'Chat with a model: one-shot (argument and/or stdin) or an interactive REPL'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "embed" -d 'Create embeddings (Titan, Cohere, Nova) from arguments, files or stdin'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "image" -d 'Generate images (Nova Canvas, Titan Image, Stability)'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "rerank" -d 'Rerank documents against a query (amazon.rerank, cohere.rerank)'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "agent" -d 'Bedrock Agents and knowledge bases (InvokeAgent, Retrieve, RetrieveAndGenerate)'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "flow" -d 'Bedrock Flows: run a flow alias and stream its outputs (InvokeFlow)'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "raw" -d 'Send native JSON to any Bedrock API path, signed, with event streams decoded'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "models" -d 'List foundation models, inference profiles, and your imported, custom and provisioned models'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "config" -d 'Show, locate or create the config file'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "completions" -d 'Print a shell completion script'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "emulator" -d 'Serve the built-in Bedrock emulator on loopback for tests and benchmarks'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "serve" -d 'Run an HTTP gateway: the OpenAI API, the Anthropic Messages API and a native Bedrock pass-through'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "tokens" -d 'Count a prompt\'s input tokens without sending it to the model (CountTokens)'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "guardrail" -d 'Check text against a guardrail without a model (ApplyGuardrail)'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "roles" -d 'List the roles defined in the config ([roles.NAME])'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "logs" -d 'List and search logged chat exchanges (oldest first, newest last)'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "sessions" -d 'List, show and remove saved conversations (session files and logged conversations)'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "batch" -d 'Batch inference over S3: submit many prompts as one job, follow it, fetch the results'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "async" -d 'Async invocations over S3 (Nova Reel videos): start, follow, fetch the outputs'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "video" -d 'Make a video with Nova Reel: start, wait, download the clip (on top of `brock async`)'
complete -c brock -n "__fish_brock_using_subcommand help; and not __fish_seen_subcommand_from chat embed image rerank agent flow raw models config completions emulator serve tokens guardrail roles logs sessions batch async video help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "invoke" -d 'Invoke an agent and stream its answer (InvokeAgent)'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "chat" -d 'Talk to an agent turn by turn in one session'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "inline" -d 'Run an agent defined on the command line: model, instruction, tools, knowledge bases (InvokeInlineAgent)'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "retrieve" -d 'Query a knowledge base for matching passages (Retrieve)'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "ask" -d 'Ask a knowledge base: a generated answer with citations (RetrieveAndGenerate)'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from flow" -f -a "invoke" -d 'Run a flow alias with one input and print its outputs as they arrive (InvokeFlow)'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from models" -f -a "show" -d 'Show one model\'s (or inference profile\'s) details'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the effective settings and where each one came from'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the path of the config file in use'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "init" -d 'Write a commented starter config file (never overwrites)'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from serve" -f -a "keys" -d 'Create, list, revoke and rotate the gateway\'s virtual keys'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from serve" -f -a "usage" -d 'Requests and tokens the gateway recorded, per key, model or day'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from guardrail" -f -a "apply" -d 'Check text against a guardrail and show its verdict (ApplyGuardrail)'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from sessions" -f -a "list" -d 'List session files and logged conversations, most recent first (the default)'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from sessions" -f -a "show" -d 'Print a conversation: a session NAME or a logged conversation ID'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from sessions" -f -a "remove" -d 'Remove a session file, or a logged conversation\'s exchanges'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "submit" -d 'Upload the input to S3 and create a batch inference job (CreateModelInvocationJob)'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "status" -d 'Show a job\'s status and counts (GetModelInvocationJob)'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "list" -d 'List batch inference jobs, newest first (ListModelInvocationJobs)'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "stop" -d 'Stop a running job (StopModelInvocationJob)'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "results" -d 'Download a finished job\'s outputs and write them in input order'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from async" -f -a "start" -d 'Start an async invocation writing to S3 (StartAsyncInvoke)'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from async" -f -a "status" -d 'Show an invocation\'s status (GetAsyncInvoke)'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from async" -f -a "list" -d 'List async invocations, newest first (ListAsyncInvokes)'
complete -c brock -n "__fish_brock_using_subcommand help; and __fish_seen_subcommand_from async" -f -a "fetch" -d 'Download a completed invocation\'s outputs into a directory'
complete -c brock -n "__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show" -f -a "(brock __complete models 2>/dev/null)"
