"""Question → cited German answer: retrieve (hybrid), pick sentences, compose, verify every quote."""

from assistant.service import Assistant, QuestionError

__all__ = ["Assistant", "QuestionError"]
