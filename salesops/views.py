from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts import queries as accounts_queries
from plans import queries as plans_queries
from reports import queries as reports_queries
from visits import queries as visits_queries

HOME_TEMPLATES = {
    "salesperson": "home/salesperson.html",
    "analyst": "home/analyst.html",
    "manager": "home/manager.html",
    "office": "home/office.html",
}


@login_required
def home(request):
    user = request.user
    if user.setup_problem:
        return render(request, "home/incomplete.html", {"problem": user.setup_problem})
    template = HOME_TEMPLATES.get(user.role, "home/admin.html")
    context = {}
    for queries in (accounts_queries, visits_queries, plans_queries, reports_queries):
        context.update(queries.home_context(user))
    return render(request, template, context)
