"""The `constrained` decorator and the `Constraint` base class; the constraints are in helpers.core.constraints.

See helpers/core/constraints.py's docstring for how a helper declares its arguments' constraints.
"""

from __future__ import annotations

import functools
import inspect

__all__ = ["OK", "Constraint", "constrained", "constraints_of"]

OK = "accepted"  # an example value the constraint accepts (e.g. a Generator for a seed)


class Constraint:
    """One argument's rule: `check(value, name)` returns the value checked and converted, or raises.

    `deferred=True` declares a rule the body checks itself (it needs another argument).
    """

    deferred = False

    def __init__(self, *, deferred: bool = False):
        self.deferred = deferred or type(self).deferred

    def check(self, value, name: str):
        return value

    def invalid_examples(self, good=None, size=None) -> list[tuple]:
        """(label, value, expected) cases; `good` is a value the helper accepts, `size` a length it implies."""
        return []

    def __repr__(self):
        fields = {k: val for k, val in vars(self).items() if val not in (None, False) and k != "deferred"}
        return f"{type(self).__name__}({', '.join(f'{k}={val!r}' for k, val in fields.items())})"


# --- the decorator -----------------------------------------------------------------------------


def constrained(**constraints: Constraint):
    """Check the declared arguments of the decorated function before it runs; see the module docstring.

    The signature is bound once, at decoration: a call looks each checked argument up by position
    or keyword and replaces it by its checked value. Defaults are checked once, at decoration (so a
    declaration cannot contradict its default), and passed on as they are.
    """

    def decorate(func):
        signature = inspect.signature(func)
        parameters = signature.parameters
        unknown = sorted(set(constraints) - set(parameters))
        if unknown:
            raise TypeError(f"{func.__qualname__} has no argument(s) {unknown} to constrain")
        positional = [name for name, p in parameters.items() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        active = []
        for name, constraint in constraints.items():
            if constraint.deferred:
                continue
            default = parameters[name].default
            if default is not inspect.Parameter.empty:
                constraint.check(default, name)
            position = positional.index(name) if name in positional else None
            active.append((name, constraint.check, position))

        if not active:
            wrapper = func
        else:

            @functools.wraps(func)
            def wrapper(*args, **kwargs):
                converted = None
                for name, check, position in active:
                    if position is not None and position < len(args):
                        if converted is None:
                            converted = list(args)
                        converted[position] = check(args[position], name)
                    elif name in kwargs:
                        kwargs[name] = check(kwargs[name], name)
                return func(*(args if converted is None else converted), **kwargs)

        wrapper.__constraints__ = dict(constraints)
        return wrapper

    return decorate


def constraints_of(func) -> dict[str, Constraint]:
    """The constraints declared on `func` (a class: on its __init__), {} when none are."""
    if inspect.isclass(func):
        func = func.__init__
    return dict(getattr(func, "__constraints__", {}))
