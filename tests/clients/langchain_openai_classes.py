"""LangChain's OpenAI chat and embeddings classes against `brock serve` (run by
tests/cli/serve.rs). Environment: BROCK_GATEWAY and BROCK_GATEWAY_KEY.

OpenAIEmbeddings is given check_embedding_ctx_length=False: by default it tokenizes with
tiktoken, whose encodings it downloads, and the tests have no network. (The token ids it would
send are decoded by the gateway; tests/cli/serve.rs checks that with plain HTTP.)
"""

import os

from langchain_openai import ChatOpenAI, OpenAIEmbeddings

base = f"{os.environ['BROCK_GATEWAY']}/v1"
key = os.environ["BROCK_GATEWAY_KEY"]

chat = ChatOpenAI(model="nova-lite", base_url=base, api_key=key, max_retries=0)
answer = chat.invoke("hello from langchain")
assert answer.content == (
    "Hello from the brock emulator (us.amazon.nova-lite-v1:0). You said: hello from langchain"
), answer.content

streamed = "".join(c.content for c in chat.stream("streaming from langchain"))
assert streamed.endswith("You said: streaming from langchain"), streamed

emb = OpenAIEmbeddings(
    model="titan-embed", base_url=base, api_key=key, check_embedding_ctx_length=False, max_retries=0
)
vectors = emb.embed_documents(["one", "two"])
assert len(vectors) == 2 and len(vectors[0]) == 1024 and vectors[0] != vectors[1]
assert len(emb.embed_query("one")) == 1024

print("ok")
