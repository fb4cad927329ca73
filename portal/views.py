"""The home page per role, drawn from what each app adds (salesops/registry.py)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts.models import Role
from accounts.permissions import role_required
from salesops import registry

HOME_TEMPLATES = {
    "salesperson": "home/salesperson.html",
    "analyst": "home/analyst.html",
    "manager": "home/manager.html",
    "office": "home/office.html",
    "leader": "home/leader.html",
}


@login_required
def home(request):
    user = request.user
    if user.setup_problem:
        return render(request, "home/incomplete.html", {"problem": user.setup_problem})
    template = HOME_TEMPLATES.get(user.role, "home/admin.html")
    context = {}
    for home_context in registry.home_context:  # each app's home_context(user), in app order
        context.update(home_context(user))
    if user.role == Role.MANAGER:
        context["todo"] = registry.todo_lines(user)  # the same list as the 经理待办 page
    context["home_blocks"] = {
        column: registry.blocks_for(registry.home_blocks, user.role, column)
        for column in ("actions", "main", "side", "more", "scripts", "fab")
    }
    return render(request, template, context)


@role_required(Role.MANAGER)
def todo(request):
    """经理待办: everything waiting on the manager, each with its count and where to act; each
    app contributes its lines (salesops.registry.todo)."""
    return render(request, "home/todo.html", {"todo": registry.todo_lines(request.user)})
