def school_membership(request):
    membership = getattr(request, "membership", None)
    return {"membership": membership or None}
