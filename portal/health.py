from django.http import HttpResponse


def healthz(request):
    """Answer "ok" to a signed-in user: the cheapest page through the full middleware stack.

    Load balancers can probe it with a service login; the benchmark uses it as
    the floor every other page is measured against.
    """
    return HttpResponse("ok", content_type="text/plain")
