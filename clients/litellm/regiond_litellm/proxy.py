"""For the LiteLLM proxy's config.yaml: `litellm_settings: {callbacks: regiond_litellm.proxy.handler}`.
Configured from the REGIOND_* environment variables; its thread starts with the first sample."""
from .logger import RegiondHealthLogger

handler = RegiondHealthLogger()
