"""Bringing a database to a usable state: schema migrated to the newest revision, seed corpus loaded when it is
empty."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import create_schema, session_factory
from db.search import rebuild_search_index, search_index_is_empty
from db.tables import Source
from db.writes import write_connection
from seeds.loader import load_fact_files


async def is_empty(engine: AsyncEngine) -> bool:
    async with session_factory(engine)() as session:
        return (await session.execute(select(func.count()).select_from(Source))).scalar_one() == 0


async def prepare_database(engine: AsyncEngine, seed: bool = True) -> bool:
    """Migrate the schema to the newest revision, and load the seed corpus if the database holds no source; True
    if it seeded."""
    await create_schema(engine)
    if seed and await is_empty(engine):
        await load_fact_files(engine)
        return True
    async with write_connection(engine) as conn:
        if await conn.run_sync(search_index_is_empty):
            await conn.run_sync(rebuild_search_index)
    return False
