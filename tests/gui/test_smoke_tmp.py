from tests.gui.conftest import wait_idle


def test_pages_render(qtbot, window, ctx):
    for key in window.keys:
        window.show_page(key)
        wait_idle(qtbot, ctx.taskman)
        window.grab().save(f"/tmp/shot_{key}.png")
    ctx.events.open_staff.emit(window.pages["staff"].model.all_rows()[0].id)
    wait_idle(qtbot, ctx.taskman)
    window.grab().save("/tmp/shot_person.png")
