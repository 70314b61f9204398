"""Reading a project: its settings, its Markdown files and what they refer to, checked and
turned into typed, frozen data (``model``). Nothing here renders or writes a PDF."""
