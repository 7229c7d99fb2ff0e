"""Question → cited German answer: retrieve → judge → select → quote → verify → render."""

from assistant.question import QuestionError
from assistant.service import Assistant

__all__ = ["Assistant", "QuestionError"]
