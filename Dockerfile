# The tiplex image: the pipeline, the CLI and a Prefect worker (see docker-compose.yml).
#   docker build -t tiplex .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    PREFECT_SERVER_ANALYTICS_ENABLED=false \
    TIPLEX_HOME=/data/tiplex

# torch first, pinned, from the CPU wheel index: an unpinned torch from PyPI is a multi-GB CUDA
# build. Its own layer, so changing the project does not download it again.
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu

# deployments/prefect.yaml runs flows from /opt/tiplex.
WORKDIR /opt/tiplex
COPY pyproject.toml README.md ./
COPY tiplex ./tiplex
COPY crawlers ./crawlers
COPY nlp ./nlp
COPY index ./index
COPY flows ./flows
COPY deployments ./deployments
COPY interfaces ./interfaces
COPY scrapy.cfg ./
# --extra-index-url keeps pip from replacing the CPU torch with PyPI's build.
RUN pip install --extra-index-url https://download.pytorch.org/whl/cpu . \
    && python -c "import tiplex, crawlers, nlp, index, interfaces.cli"

RUN useradd --create-home --uid 1000 tiplex \
    && mkdir -p /data/tiplex /data/prefect \
    && chown -R tiplex:tiplex /data /opt/tiplex
USER tiplex
VOLUME ["/data"]

CMD ["tiplex", "--help"]
