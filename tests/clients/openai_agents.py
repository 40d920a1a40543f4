"""An OpenAI Agents SDK agent against `brock serve`'s Responses API (run by
tests/cli/serve_responses.rs), as the README shows it: a plain run, and a streamed run with
reasoning and a function tool across two turns.

Environment: BROCK_GATEWAY (base URL) and BROCK_GATEWAY_KEY. The last line printed is "ok".
"""

import asyncio
import os

from agents import (
    Agent,
    ModelSettings,
    Runner,
    function_tool,
    set_default_openai_client,
    set_tracing_disabled,
)
from openai import AsyncOpenAI
from openai.types.shared import Reasoning

base = os.environ["BROCK_GATEWAY"]
set_default_openai_client(
    AsyncOpenAI(base_url=f"{base}/v1", api_key=os.environ["BROCK_GATEWAY_KEY"], max_retries=0)
)
set_tracing_disabled(True)

calls = []


@function_tool
def get_weather(city: str) -> str:
    """Current weather for a city."""
    calls.append(city)
    return "sunny, 21 C"


async def main():
    r = await Runner.run(Agent(name="helper", model="sonnet"), "Hello")
    assert r.final_output.endswith("You said: Hello"), r.final_output

    agent = Agent(
        name="weather",
        model="sonnet",
        tools=[get_weather],
        model_settings=ModelSettings(reasoning=Reasoning(effort="low")),
    )
    run = Runner.run_streamed(agent, "What is the weather in Paris? use get_weather")
    kinds = set()
    async for ev in run.stream_events():
        if ev.type == "run_item_stream_event":
            kinds.add(ev.item.type)
    assert run.final_output.endswith("The tool returned: sunny, 21 C"), run.final_output
    assert len(calls) == 1, calls
    assert {"reasoning_item", "tool_call_item", "tool_call_output_item"} <= kinds, kinds


asyncio.run(main())
print("ok")
