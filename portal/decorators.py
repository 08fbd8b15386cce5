"""View decorators every app uses to ask its named permission predicates."""

from functools import wraps

from django.core.exceptions import PermissionDenied


def allowed_if(predicate):
    """Refuse the view (403) to users for whom `predicate(user)` is false."""

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return checked

    return decorator
