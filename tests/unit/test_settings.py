import pytest

from onsite import settings


def test_idle_minutes_default_file_and_environment(tmp_path, monkeypatch):
    monkeypatch.delenv(settings.ENV_LOCK, raising=False)
    assert settings.load(tmp_path).idle_minutes == 10
    (tmp_path / settings.FILE_NAME).write_text("[lock]\nidle_minutes = 2.5\n", encoding="utf-8")
    assert settings.load(tmp_path).idle_minutes == 2.5
    monkeypatch.setenv(settings.ENV_LOCK, "0")
    assert settings.load(tmp_path).idle_minutes == 0
    monkeypatch.setenv(settings.ENV_LOCK, "soon")
    with pytest.raises(settings.SettingsError, match="not a number"):
        settings.load(tmp_path)
    monkeypatch.delenv(settings.ENV_LOCK)
    (tmp_path / settings.FILE_NAME).write_text("[lock\n", encoding="utf-8")
    with pytest.raises(settings.SettingsError, match="not valid TOML"):
        settings.load(tmp_path)


def test_a_keymap_of_binding_ids(tmp_path):
    (tmp_path / settings.FILE_NAME).write_text(
        '[keys]\n"week.findings" = "ctrl+f"\n"app.help" = "f1, f2"\n', encoding="utf-8"
    )
    assert settings.load(tmp_path).keys == {"week.findings": "ctrl+f", "app.help": "f1,f2"}
    (tmp_path / settings.FILE_NAME).write_text('[keys]\n"week.findings" = 6\n', encoding="utf-8")
    with pytest.raises(settings.SettingsError, match=r"\[keys\]: week.findings = 6 is not a key"):
        settings.load(tmp_path)
