from django.shortcuts import render

from people.models import School


def floor(request):
    """The benchmark's floor: one indexed query (a unique slug) and a tiny template, nothing else.

    Pages are measured against it, so the ratio shows what a page costs beyond the framework itself.
    Routed only when BENCH_FLOOR is on (coproschool/urls.py), never in a normal deployment.
    """
    name = School.objects.filter(slug=request.GET.get("school", "bench-01")).values_list("name", flat=True).first()
    return render(request, "bench/floor.html", {"name": name})
