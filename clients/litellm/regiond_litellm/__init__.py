"""Reports LiteLLM's Bedrock calls to regiond as health samples: see README.md."""
from .logger import RegiondHealthLogger

__all__ = ["RegiondHealthLogger"]
__version__ = "0.1.0"
