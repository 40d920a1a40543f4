"""LiteLLM against Bedrock Converse: answer text to stdout, streamed unless --no-stream."""

import os
import sys

import litellm


def main() -> None:
    args = sys.argv[1:]
    stream = True
    if args and args[0] == "--no-stream":
        stream = False
        args = args[1:]
    model, prompt = args
    kwargs = dict(
        model=f"bedrock/converse/{model}",
        messages=[{"role": "user", "content": prompt}],
        aws_bedrock_runtime_endpoint=os.environ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"],
        aws_region_name=os.environ["AWS_REGION"],
    )
    out = sys.stdout
    if not stream:
        resp = litellm.completion(**kwargs)
        out.write(resp.choices[0].message.content or "")
        out.write("\n")
        return
    for chunk in litellm.completion(stream=True, **kwargs):
        text = chunk.choices[0].delta.content
        if text:
            out.write(text)
            out.flush()
    out.write("\n")


if __name__ == "__main__":
    main()
