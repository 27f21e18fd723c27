"""One ASGI application: the HTTP API under `/api/v1` and the web pages, over one `Service`."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from interfaces import api, web
from interfaces.service import Service
from tiplex import __version__
from tiplex.settings import Settings, load_settings


def build_app(
    settings: Settings | None = None, service: Service | None = None, *, warm: bool = True
) -> FastAPI:
    chosen = service or Service(settings or load_settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            # In the background: the server answers pages at once, searches once it is loaded.
            threading.Thread(target=_warm, args=(chosen,), daemon=True).start()
        yield
        chosen.close()

    app = FastAPI(
        title="tiplex",
        version=__version__,
        description=(
            "Trafficking-in-persons judgments and legislation of the ASEAN member states: "
            "search, coded cases with evidence, legislation compared, trends, sources and runs."
        ),
        lifespan=lifespan,
    )
    app.state.service = chosen
    app.include_router(api.router)
    app.include_router(web.router)
    app.mount("/static", StaticFiles(directory=str(web.STATIC_DIR)), name="static")

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        # One sentence per problem, naming the parameter, rather than pydantic's nested form.
        problems = []
        for error in exc.errors():
            where = ".".join(str(part) for part in error.get("loc", ()) if part != "query")
            problems.append(f"{where}: {error.get('msg')}")
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "; ".join(problems)}, status_code=400)
        return web.problem_page(request, "; ".join(problems), 400)

    @app.exception_handler(StarletteHTTPException)
    async def http_problem(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") or exc.status_code not in (404, 405):
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
            )
        return web.problem_page(request, str(exc.detail), exc.status_code)

    return app


def _warm(service: Service) -> None:
    try:
        service.warm()
    except Exception as exc:  # the first search will report the same problem to its caller
        logging.getLogger(__name__).warning("could not load the index or model: %s", exc)


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    import uvicorn

    uvicorn.run(build_app(settings), host=host, port=port, log_level="warning")
