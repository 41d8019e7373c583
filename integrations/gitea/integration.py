"""Gitea (and Forgejo, its fork, same API): unread notifications, open issues and pull requests,
repositories.

API v1 (https://docs.gitea.com/api/1.22/): ``GET /api/v1/notifications/new`` → ``{"new": N}``;
``GET /api/v1/repos/issues/search?type=issues|pulls&state=open&limit=1`` and
``GET /api/v1/repos/search?limit=1`` count via the ``X-Total-Count`` header;
``GET /api/v1/version``; ``GET /api/v1/user`` proves the token. The access token (Settings →
Applications → Generate token, read scopes) goes in ``Authorization: token …``; refused: 401.
"""

from __future__ import annotations

from integrations.base import Context, Endpoint
from integrations.concurrency import all_of
from integrations.declarative import JsonIntegration, StatField, api_key_config, number
from integrations.errors import BadResponseError
from integrations.models import RendererKind, StatData

ID = "gitea"


class Gitea(JsonIntegration):
    id = ID
    name = "Gitea"
    aliases = ("forgejo",)
    icon = "🍵"
    category = "Apps"
    description = (
        "Unread notifications, open issues and pull requests, repositories (also Forgejo)."
    )
    docs_url = "https://docs.gitea.com/api/1.22/"
    config_model = api_key_config(
        "Settings → Applications → Generate New Token (read scopes).", title="Access token"
    )
    endpoints = (
        Endpoint("summary", "Summary", RendererKind.STAT, ttl=120, refresh=120,
                 description="Notifications, open issues, open pull requests, repositories."),
    )  # fmt: skip

    def _auth(self, ctx: Context) -> dict[str, str]:
        return {"Authorization": f"token {ctx.secret('api_key')}"}

    async def _total(self, ctx: Context, path: str, **params: str) -> int | None:
        response = await ctx.http.request(
            "GET", path, params={**params, "limit": "1"}, headers=self._auth(ctx)
        )
        total = number(response.headers.get("x-total-count"))
        if total is None:
            raise BadResponseError(f"{ID}: {path} sent no X-Total-Count", integration=ID)
        return int(total)

    async def test_connection(self, ctx: Context) -> str:
        user = await ctx.http.get_json("/api/v1/user", headers=self._auth(ctx), what="/api/v1/user")
        version = await ctx.http.get_json(
            "/api/v1/version", headers=self._auth(ctx), what="/api/v1/version"
        )
        login = user.get("login", "?") if isinstance(user, dict) else "?"
        return f"Gitea {version.get('version', '') if isinstance(version, dict) else ''} (as {login})".replace(
            "  ", " "
        )

    async def fetch_summary(self, ctx: Context, options: None) -> StatData:
        new, issues, pulls, repos = await all_of(
            ctx.http.get_json(
                "/api/v1/notifications/new", headers=self._auth(ctx), what="notifications"
            ),
            self._total(ctx, "/api/v1/repos/issues/search", type="issues", state="open"),
            self._total(ctx, "/api/v1/repos/issues/search", type="pulls", state="open"),
            self._total(ctx, "/api/v1/repos/search"),
        )
        if not isinstance(new, dict) or "new" not in new:
            raise BadResponseError(f"{ID}: /api/v1/notifications/new: no 'new'", integration=ID)
        return StatData(stats=[
            StatField("Notifications", warning_above=0).stat(number(new.get("new"))),
            StatField("Issues").stat(issues),
            StatField("Pull requests").stat(pulls),
            StatField("Repositories").stat(repos),
        ])  # fmt: skip


INTEGRATION = Gitea()
